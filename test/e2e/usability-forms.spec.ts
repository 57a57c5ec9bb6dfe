// The form controls a usability round at 360 px in the four languages found wanting: dates in the
// browser's own picker (mm/dd/yyyy in Uzbek and Russian), names that took anything and a limit that
// cut what was typed without a word, and a file button that spoke English. Each check names what a
// person did and what they must see; screenshots of each changed screen are kept in test-results/.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { LOCALES, type Locale } from '../../src/contract/locales';
import { SERVICE_ID } from './support/app';
import { expectNoViolations } from './support/axe';
import { expectControlsApart } from './support/tap-targets';

/** A low-end phone's screen, as the round was run, and the narrowest the app supports. */
const PHONE = { width: 360, height: 740 };
const NARROWEST = { width: 320, height: 640 };
/** The browser's language that gives each of the app's languages. */
const BROWSER_LOCALE: Record<Locale, string> = { uz: 'uz-UZ', 'uz-Cyrl': 'uz-Cyrl-UZ', ru: 'ru-RU', en: 'en-GB' };
/** What the last name question takes (content/forms/birth-certificate-copy.v2.json). */
const NAME_MAX = 60;

type Strings = { form: Record<string, string> & Record<string, Record<string, string>>; validation: Record<string, string> };
const strings = (locale: Locale) => JSON.parse(readFileSync(`locales/${locale}/common.json`, 'utf8')) as Strings;
/** A plural string of the language as i18next picks it (uz has one form for all counts). */
function plural(group: Record<string, string>, key: string, locale: Locale, count: number, n: string): string {
  const text = group[`${key}_${new Intl.PluralRules(locale).select(count)}`] ?? group[key]!;
  return text.replace('{{n}}', n);
}

async function keepScreenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

async function openForm(browser: Browser, locale: Locale) {
  const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`/services/${SERVICE_ID}`);
  await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  return { context, page };
}

/** The first step, answered, and Continue to the second (the certificate: a date and a photo). */
async function toSecondStep(page: Page, common: Strings): Promise<void> {
  await page.locator('#field-applicantPinfl').fill('31507900010013');
  await page.locator('#field-applicantLastName').fill('Karimova');
  await page.locator('#field-applicantFirstName').fill('Dilnoza');
  await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
  await page.locator('#field-relation').check();
  await page.getByRole('button', { name: common.form.continue! }).click();
  await expect(page.locator('#field-personLastName')).toBeVisible();
}

for (const locale of LOCALES) {
  test(`${locale}: a date is typed into day, month and year boxes, kept as typed, and a missing part is named`, async ({ browser }, info) => {
    const common = strings(locale);
    const { context, page } = await openForm(browser, locale);
    await toSecondStep(page, common);
    const day = page.locator('#field-birthDate');
    const month = page.locator('#field-birthDate-month');
    const year = page.locator('#field-birthDate-year');
    await expect(page.locator('fieldset.date legend')).toBeVisible();
    for (const [box, part] of [[day, 'day'], [month, 'month'], [year, 'year']] as const) {
      await expect(box).toHaveAttribute('inputmode', 'numeric');
      await expect(page.locator(`label[for="${await box.getAttribute('id')}"]`)).toHaveText(common.form.date![part]!);
    }
    await day.fill('21');
    await month.fill('3');
    await page.getByRole('button', { name: common.form.continue! }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText(common.validation.date_missing_year!);
    await expect(page.locator('#field-birthDate-error')).toHaveText(common.validation.date_missing_year!);
    await expect(year).toHaveAttribute('aria-invalid', 'true');
    await expect(day).not.toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page, `${locale}: a date without its year`);
    await keepScreenshot(page, info, `${locale}-date-missing-year`);
    // The summary's link still goes to the question: its first box.
    await summary.getByRole('link', { name: new RegExp(common.validation.date_missing_year!) }).click();
    await expect(day).toBeFocused();

    // Half a date is kept in the draft: read back after a reload, box by box.
    await expect(page.getByTestId('draft-status')).toHaveText(common.form.draftSaved!);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    await expect(day).toHaveValue('21');
    await expect(month).toHaveValue('3');
    await expect(year).toHaveValue('');

    // A year of two digits asks for four; four makes the date, and its message goes.
    await year.fill('15');
    await page.getByRole('button', { name: common.form.continue! }).click();
    await expect(page.locator('#field-birthDate-error')).toHaveText(common.validation.date_year_digits!);
    await year.fill('2015');
    await expect(page.locator('#field-birthDate-error')).toHaveCount(0);
    await expect(month).toHaveValue('3');

    // Check your answers shows the date in words of the language.
    await page.locator('#field-personLastName').fill('Karimov');
    await page.locator('#field-personFirstName').fill('Jasur');
    await page.locator('#field-region').selectOption('1703');
    await page.locator('#field-district').selectOption({ index: 1 });
    await page.locator('#field-reason').check();
    await page.getByRole('button', { name: common.form.continue! }).click();
    await page.locator('#field-consent').check();
    await page.getByRole('button', { name: common.form.continue! }).click();
    await expect(page.getByTestId('answer-birthDate')).toContainText('2015');
    await expect(page.getByTestId('answer-birthDate')).toContainText('21');
    await keepScreenshot(page, info, `${locale}-date-check-answers`);

    // At the narrowest width the three boxes stay side by side, each big enough for a thumb.
    await page.getByRole('link', { name: new RegExp(`${common.form.check!.change!}.*`) }).nth(7).click();
    await page.setViewportSize(NARROWEST);
    await expect(day).toBeVisible();
    await expectControlsApart(page.locator('.date-box input'));
    await expectNoViolations(page, `${locale}: date boxes at 320 px`);
    await context.close();
  });

  test(`${locale}: a name takes letters of either script and says what it takes, and a long one is counted, not cut`, async ({ browser }, info) => {
    const common = strings(locale);
    const { context, page } = await openForm(browser, locale);
    const last = page.locator('#field-applicantLastName');
    const first = page.locator('#field-applicantFirstName');
    await last.fill('Karimova2');
    await first.fill('Dilnoza 😀');
    await page.getByRole('button', { name: common.form.continue! }).click();
    await expect(page.locator('#field-applicantLastName-error')).toHaveText(common.validation.name_format!);
    await expect(page.locator('#field-applicantFirstName-error')).toHaveText(common.validation.name_format!);
    await expectNoViolations(page, `${locale}: names refused`);
    await keepScreenshot(page, info, `${locale}-name-refused`);
    // Latin or Cyrillic, with the Uzbek apostrophes and a hyphen: taken, and the messages go.
    await last.fill('Абдуллаев-Ким');
    await first.fill('Oʻgʻiloy');
    await expect(page.locator('#field-applicantLastName-error')).toHaveCount(0);
    await expect(page.locator('#field-applicantFirstName-error')).toHaveCount(0);

    // A pasted name longer than the question takes is kept whole and counted.
    const long = 'Abdurahmonova'.repeat(6);
    const over = long.length - NAME_MAX;
    await last.fill(long);
    await expect(last).toHaveValue(long);
    const count = page.locator('#field-applicantLastName-count');
    await expect(count).toHaveText(plural(common.form.count!, 'over', locale, over, String(over)));
    await expect(count).toHaveClass(/field-error/);
    await expect(count).toBeVisible();
    // Screen readers hear it once typing pauses.
    await expect(page.locator('.field:has(#field-applicantLastName) [aria-live="polite"]')).toHaveText(plural(common.form.count!, 'over', locale, over, String(over)));
    await page.getByRole('button', { name: common.form.continue! }).click();
    const tooLong = plural(common.validation, 'too_long', locale, NAME_MAX, String(NAME_MAX));
    await expect(page.locator('#field-applicantLastName-error')).toHaveText(tooLong);
    await expect(page.locator('.error-summary')).toContainText(tooLong);
    await expectNoViolations(page, `${locale}: a name too long`);
    await keepScreenshot(page, info, `${locale}-name-too-long`);
    await last.fill('Karimova');
    // Far from the limit the count is not drawn, only read with the field.
    await expect(count).toHaveText(plural(common.form.count!, 'remaining', locale, NAME_MAX - 8, String(NAME_MAX - 8)));
    await expect(count).toHaveClass('visually-hidden');
    await expect(last).toHaveAttribute('aria-describedby', /field-applicantLastName-count/);
    await context.close();
  });

  test(`${locale}: a photo is attached with the app's own button, shown, and can be replaced or removed`, async ({ browser }, info) => {
    const common = strings(locale);
    const { context, page } = await openForm(browser, locale);
    await toSecondStep(page, common);
    const button = page.locator('label[for="field-documentPhoto"].button');
    await expect(button).toHaveText(common.form.attach!.takePhoto!);
    // The browser's own control ("Choose File", "No file chosen") is not drawn.
    const input = page.locator('#field-documentPhoto');
    await expect(input).toHaveAttribute('capture', 'environment');
    expect((await input.boundingBox())!.width).toBeLessThanOrEqual(1);
    // The keyboard reaches it: Tab from the question before it, and the button shows the focus.
    await page.locator('#field-details').focus();
    await page.keyboard.press('Tab');
    await expect(input).toBeFocused();
    await expect(button).toHaveCSS('outline-style', 'solid');

    await input.setInputFiles('public/icons/icon-512.png');
    const thumbnail = page.getByRole('img', { name: common.form.attach!.thumbnail! });
    await expect(thumbnail).toBeVisible();
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(button).toHaveText(common.form.attach!.replacePhoto!);
    const remove = page.getByRole('button', { name: common.form.attach!.removePhoto! });
    await expect(remove).toBeVisible();
    await thumbnail.scrollIntoViewIfNeeded();
    await expectNoViolations(page, `${locale}: a photo attached`);
    await keepScreenshot(page, info, `${locale}-photo-attached`);
    await page.setViewportSize(NARROWEST);
    await expectControlsApart(page.locator('.attach-actions > label.button, .attach-actions > button'));
    await page.setViewportSize(PHONE);

    // Replace: another photo through the same button takes the place of the first.
    const first = await thumbnail.getAttribute('src');
    await input.setInputFiles('public/icons/icon-192.png');
    await expect(thumbnail).not.toHaveAttribute('src', first!);
    await expect(thumbnail).toBeVisible();
    await remove.click();
    await expect(thumbnail).toHaveCount(0);
    await expect(remove).toHaveCount(0);
    await expect(button).toHaveText(common.form.attach!.takePhoto!);
    await expect(page.getByTestId('photo-note-documentPhoto')).toHaveText(common.form.attach!.removed!);
    // Gone from the draft and from the phone.
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => { const r = indexedDB.open('xizmat'); r.onsuccess = () => resolve(r.result); });
      const all = <T,>(store: string) => new Promise<T[]>((resolve) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result as T[]); });
      const drafts = await all<{ answers: Record<string, unknown> }>('drafts');
      return { photo: drafts.map((d) => d.answers.documentPhoto), blobs: (await all('blobs')).length };
    });
    expect(stored).toEqual({ photo: [''], blobs: 0 });
    await keepScreenshot(page, info, `${locale}-photo-removed`);
    await context.close();
  });
}
