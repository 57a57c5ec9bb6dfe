import { expect, test, type Page } from '@playwright/test';
import { SERVICE_ID, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { open } from './support/operator';

const SERVICE = 'Tugʻilganlik toʻgʻrisidagi takroriy guvohnomani olish';
const NO_DRAFTS = 'Tugallanmagan arizalar yoʻq.';

/** The drafts this phone keeps, as IndexedDB holds them. */
function storedDrafts(page: Page): Promise<{ id: string; answers: Record<string, unknown> }[]> {
  return page.evaluate(() => new Promise((resolve) => {
    const request = indexedDB.open('xizmat');
    request.onsuccess = () => {
      const all = request.result.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => { resolve(all.result); request.result.close(); };
    };
  }));
}

test('a form opened and left leaves no draft; the first answer starts one; a draft is deleted only after a confirmation', async () => {
  const context = await launchBrowser(newProfileDir());
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);

  await open(page, `/services/${SERVICE_ID}`);
  await expect(page.locator('#field-applicantLastName')).toBeVisible();
  // Nothing typed: nothing saved, and nothing said to be saved.
  await expect(page.getByTestId('draft-status')).toHaveText('');
  await open(page, '/drafts');
  await expect(page.getByText(NO_DRAFTS)).toBeVisible();
  expect(await storedDrafts(page)).toEqual([]);

  await open(page, `/services/${SERVICE_ID}`);
  await page.locator('#field-applicantLastName').fill('Karimova');
  await expect(page.getByTestId('draft-status')).toHaveText('Yozgan har bir narsangiz shu telefonda qoralama sifatida saqlanadi.');
  await expect.poll(async () => (await storedDrafts(page)).map((d) => d.answers)).toEqual([{ applicantLastName: 'Karimova' }]);
  const id = (await storedDrafts(page))[0]!.id;

  await open(page, '/drafts');
  const card = page.locator(`[data-testid="draft-item"][data-id="${id}"]`);
  await expect(card).toContainText('Javoblar soni: 1');
  const remove = card.getByRole('button', { name: `Oʻchirish: ${SERVICE}` });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Bu qoralama oʻchirilsinmi?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`«${SERVICE}» tugallanmagan arizasi va uning suratlari shu telefondan oʻchiriladi.`);
  // The safe choice has the focus; the page behind is out of reach while it is open.
  await expect(dialog.getByRole('button', { name: 'Qoldirish' })).toBeFocused();
  await expectNoViolations(page, 'drafts, asked to delete one');
  // Escape keeps it, and the focus goes back to where it was.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  expect(await storedDrafts(page)).toHaveLength(1);

  await remove.click();
  await dialog.getByRole('button', { name: 'Qoralamani oʻchirish' }).click();
  await expect(page.getByTestId('drafts-note')).toHaveText(`«${SERVICE}» qoralamasi oʻchirildi.`);
  await expect(page.getByText(NO_DRAFTS)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await storedDrafts(page)).toEqual([]);
  await expectNoViolations(page, 'drafts after deleting one');
  await context.close();
});
