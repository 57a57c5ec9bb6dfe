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
