import { expect, type Locator } from '@playwright/test';

/** Tap targets of the smallest size WCAG 2.2 allows and the height we aim for. */
const MIN_CONTROL_PX = 24;
const MIN_ROW_PX = 44;

interface Box { x: number; y: number; width: number; height: number; text: string }
/** Enough frames for a list that arrives from the database to push the page down and stop. */
const SETTLE_TRIES = 20;

/**
 * Every element's box (or that of its `inner` element) in one frame, once two frames in a row agree:
 * measured one at a time, a page still laying itself out moves the later ones between measurements.
 */
async function boxesOf(elements: Locator, inner?: string): Promise<Box[]> {
  await expect(elements.first()).toBeVisible();
  let before = '';
  for (let i = 0; i < SETTLE_TRIES; i++) {
    const boxes = await elements.evaluateAll((nodes, selector) => nodes.map((node) => {
      const r = (selector ? node.querySelector(selector)! : node).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: (node as HTMLElement).innerText };
    }), inner);
    if (JSON.stringify(boxes) === before) return boxes;
    before = JSON.stringify(boxes);
    await elements.page().waitForTimeout(50);
  }
  throw new Error(`the layout of ${elements} did not settle`);
}

/** Each option's control is at least 24 px square, its row at least 44 px high, and no two rows overlap. */
export async function expectTapTargets(options: Locator): Promise<void> {
  const rows = await boxesOf(options);
  const controls = await boxesOf(options, 'input');
  rows.forEach((row, i) => {
    expect(Math.min(controls[i]!.width, controls[i]!.height), row.text).toBeGreaterThanOrEqual(MIN_CONTROL_PX);
    expect(row.height, row.text).toBeGreaterThanOrEqual(MIN_ROW_PX);
  });
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.y, `option ${i + 1} starts below option ${i}`).toBeGreaterThanOrEqual(rows[i - 1]!.y + rows[i - 1]!.height - 0.5);
}

/**
 * Controls side by side or stacked (a date's boxes, a row of buttons): each at least 44 px high and
 * 24 px wide, and no two overlapping, so a thumb hits the one it means.
 */
export async function expectControlsApart(controls: Locator): Promise<void> {
  const boxes = await boxesOf(controls);
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
