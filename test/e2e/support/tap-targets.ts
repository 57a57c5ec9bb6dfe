import { expect, type Locator } from '@playwright/test';

/** Tap targets of the smallest size WCAG 2.2 allows and the height we aim for. */
const MIN_CONTROL_PX = 24;
const MIN_ROW_PX = 44;

/** Each option's control is at least 24 px square, its row at least 44 px high, and no two rows overlap. */
export async function expectTapTargets(options: Locator): Promise<void> {
  const rows: { top: number; bottom: number }[] = [];
  for (const option of await options.all()) {
    const row = (await option.boundingBox())!;
    const control = (await option.locator('input').boundingBox())!;
    expect(Math.min(control.width, control.height), await option.innerText()).toBeGreaterThanOrEqual(MIN_CONTROL_PX);
    expect(row.height, await option.innerText()).toBeGreaterThanOrEqual(MIN_ROW_PX);
    rows.push({ top: row.y, bottom: row.y + row.height });
  }
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.top, `option ${i + 1} starts below option ${i}`).toBeGreaterThanOrEqual(rows[i - 1]!.bottom - 0.5);
}

/**
 * Controls side by side or stacked (a date's boxes, a row of buttons): each at least 44 px high and
 * 24 px wide, and no two overlapping, so a thumb hits the one it means.
 */
export async function expectControlsApart(controls: Locator): Promise<void> {
  const boxes = await Promise.all((await controls.all()).map(async (c) => (await c.boundingBox())!));
  expect(boxes.length).toBeGreaterThan(0);
  boxes.forEach((box, i) => {
    expect(box.height, `control ${i + 1} height`).toBeGreaterThanOrEqual(MIN_ROW_PX);
    expect(box.width, `control ${i + 1} width`).toBeGreaterThanOrEqual(MIN_CONTROL_PX);
  });
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
      expect(apart, `controls ${i + 1} and ${j + 1} overlap`).toBe(true);
    }
  }
}
