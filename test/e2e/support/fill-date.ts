import type { Page } from '@playwright/test';

/** Types an ISO date (YYYY-MM-DD) into a date question's day, month and year boxes, as a person would. */
export async function fillDate(page: Page, fieldId: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  await page.locator(`#${fieldId}`).fill(day);
  await page.locator(`#${fieldId}-month`).fill(month);
  await page.locator(`#${fieldId}-year`).fill(year);
}
