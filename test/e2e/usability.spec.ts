// What got in the way when Xizmat was tried as its users would, at 360 px, in the four languages:
// each check names what a person did and what they must see. Screenshots of the changed screens are
// kept with the test's results (test-results/) for a reviewer who reads none of the four.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { BRAND, LOCALES, type Locale, type Localized } from '../../src/contract/locales';
import { E2E_ADMIN_TOKEN } from '../../playwright.config';
import { postBackOfficeMove } from '../../server/test-support/back-office-client';
import { BASE_URL, SERVICE_ID, SUBMIT, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { chooseLanguage } from './support/language';
import { assistantPhone, open } from './support/operator';
import { expectTapTargets } from './support/tap-targets';

/** A low-end phone's screen, as the round was run. */
const PHONE = { width: 360, height: 740 };
/** The header's height as one row of 44 px controls and its padding, with room for a badge's line height. */
const ONE_ROW_HEADER_PX = 64;
/** The browser's language that gives each of the app's languages. */
const BROWSER_LOCALE: Record<Locale, string> = { uz: 'uz-UZ', 'uz-Cyrl': 'uz-Cyrl-UZ', ru: 'ru-RU', en: 'en-GB' };

type Strings = Record<string, Record<string, string>>;
function strings(locale: Locale, file: 'common' | 'session' | 'status'): Strings {
  return JSON.parse(readFileSync(`locales/${locale}/${file}.json`, 'utf8')) as Strings;
}

/** Written into the test's own folder under test-results/, which a run keeps (the list reporter writes no attachment bodies). */
async function keepScreenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

async function openForm(page: Page): Promise<void> {
  await page.goto(`/services/${SERVICE_ID}`);
  // The server's page is the form already; type only once the app has taken it over.
  await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
}

for (const locale of LOCALES) {
  test(`${locale}: the header is one row; the pages, the assistants' sign-in and the languages are in menus`, async ({ browser }, info) => {
    const common = strings(locale, 'common');
    const status = strings(locale, 'status') as unknown as Record<string, string>;
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    // The brand in the script of the screen, in the header and the title.
    await expect(page.locator('.brand')).toHaveText(BRAND[locale]);
    await expect(page).toHaveTitle(BRAND[locale]);
    // One row of 44 px controls (it was 212 px of 740 with every link and language shown).
    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(ONE_ROW_HEADER_PX);
    await page.getByTestId('menu-button').click();
    const menu = page.getByRole('navigation', { name: common.nav!.label! });
    const links = menu.getByRole('link');
    await expect(links).toHaveText([status.nav!, common.nav!.outbox!, common.nav!.drafts!, common.nav!.profile!, common.nav!.assistant!]);
    for (const link of await links.all()) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectNoViolations(page, `${locale}: the menu open`);
    await keepScreenshot(page, info, `${locale}-menu`);
    await menu.getByRole('link', { name: common.nav!.profile! }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.locator('.app-header details[open]')).toHaveCount(0);
    await expect(page).toHaveTitle(`${common.profile!.title!} · ${BRAND[locale]}`);
    // The language menu closes on Escape and gives the focus back to its button.
    await page.getByTestId('language-button').click();
    await expect(page.getByRole('button', { name: 'Русский', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Русский', exact: true })).toBeHidden();
    await expect(page.getByTestId('language-button')).toBeFocused();
    await context.close();
  });

  test(`${locale}: a service's page says what happens next, who decides, how long it takes and where to ask`, async ({ browser }, info) => {
    const common = strings(locale, 'common');
    const catalogue = JSON.parse(readFileSync('content/catalogue.json', 'utf8')) as { services: Array<{ id: string; agency: Localized; term: Localized }> };
    const service = catalogue.services.find((s) => s.id === SERVICE_ID)!;
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`/services/${SERVICE_ID}/about`);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    const help = page.getByTestId('next-steps');
    await expect(help.getByRole('heading').first()).toHaveText(common.help!.nextTitle!);
    await expect(help.locator('li')).toHaveText([common.help!.sent!, `${common.help!.decides!} ${service.agency[locale]}`, `${common.help!.term!} ${service.term[locale]}`, common.help!.status!]);
    await expect(help).toContainText(common.help!.ask!);
    await help.scrollIntoViewIfNeeded();
    await expectNoViolations(page, `${locale}: a service's page with what happens next`);
    await keepScreenshot(page, info, `${locale}-service-next-steps`);
    await context.close();
  });

  test(`${locale}: taking a hand-over file is the app's own button in the language, not the browser's "Choose File"`, async ({ browser }, info) => {
    const handover = JSON.parse(readFileSync(`locales/${locale}/handover.json`, 'utf8')) as { take: string };
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/outbox');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    const button = page.locator('label.button[for="handover-file"]');
    await expect(button).toHaveText(handover.take);
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // The input is there for the keyboard and the file picker, drawn by nobody: the browser's own button
    // ("Choose File" whatever the language) would be drawn inside it, where no text query reaches.
    expect((await page.locator('#handover-file').boundingBox())!.width).toBeLessThanOrEqual(1);
    await button.scrollIntoViewIfNeeded();
    await expectNoViolations(page, `${locale}: the outbox's hand-over button`);
    await keepScreenshot(page, info, `${locale}-handover-button`);
    await context.close();
  });

  test(`${locale}: at 320 px with text at 200% the header and its menus fit and stay accessible`, async ({ browser }) => {
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: { width: 320, height: 640 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    // As a phone's largest text setting does; set through the CSSOM, which the page's CSP allows.
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    for (const button of ['menu-button', 'language-button']) {
      await page.getByTestId(button).click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await expectNoViolations(page, `${locale}: ${button} open at 320 px, 200% text`);
      await page.keyboard.press('Escape');
    }
    await context.close();
  });

  test(`${locale}: a PINFL copied in groups is taken, and a question left unchosen asks to choose`, async ({ browser }, info) => {
    const common = strings(locale, 'common');
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await openForm(page);
    await page.locator('#field-applicantPinfl').fill('3150 7900 0100 13');
    // Kept whole as typed: the field does not cut it at 14 characters.
    await expect(page.locator('#field-applicantPinfl')).toHaveValue('3150 7900 0100 13');
    await page.locator('#field-applicantLastName').fill('Karimova');
    await page.locator('#field-applicantFirstName').fill('Dilnoza');
    await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
    await page.getByRole('button', { name: common.form!.continue! }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeVisible();
    // Only the unanswered choice is at fault, and it asks to choose.
    await expect(summary.locator('li')).toHaveCount(1);
    await expect(summary).toContainText(common.validation!.option_unknown!);
    await expect(page.locator('.field-error')).toHaveText([common.validation!.option_unknown!]);
    await expectNoViolations(page, `${locale}: a choice left unanswered`);
    await keepScreenshot(page, info, `${locale}-choice-unanswered`);
    await page.locator('#field-relation').check();
    await page.getByRole('button', { name: common.form!.continue! }).click();
    await expect(page.locator('#field-personLastName')).toBeVisible();
    await context.close();
  });

  test(`${locale}: with no applications yet, My applications asks nobody to quote a number`, async ({ browser }) => {
    const status = strings(locale, 'status') as unknown as Record<string, string>;
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/applications');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    await expect(page.getByText(status.empty!)).toBeVisible();
    await expect(page.getByText(status.localRefHint!)).toHaveCount(0);
    await context.close();
  });

  test(`${locale}: the rating radios are each on a line of their own, with a control a thumb can hit`, async ({ browser }, info) => {
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`/services/${SERVICE_ID}/about`);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    const options = page.getByTestId('feedback-form').locator('label.choice');
    await expect(options).toHaveCount(5);
    await expectTapTargets(options);
    await options.first().scrollIntoViewIfNeeded();
    await keepScreenshot(page, info, `${locale}-rating`);
    await context.close();
  });

  test(`${locale}: a PIN anyone would guess first is refused with the reason`, async ({ browser }, info) => {
    const session = strings(locale, 'session');
    const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], viewport: PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/profile');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on');
    const choose = async (pin: string) => {
      await page.getByTestId('pin-new').fill(pin);
      await page.getByTestId('pin-repeat').fill(pin);
      await page.getByRole('button', { name: session.pin!.save! }).click();
    };
    for (const pin of ['111111', '123456', '199001']) {
      await choose(pin);
      await expect(page.getByRole('alert')).toHaveText(session.pin!.guessable!);
    }
    await expectNoViolations(page, `${locale}: a guessable PIN refused`);
    await keepScreenshot(page, info, `${locale}-pin-guessable`);
    await choose('480263');
    await expect(page.getByText(session.own!.on!)).toBeVisible();
    await context.close();
  });
}

test('an application returned for correction waits on the home screen, in each language, and its link opens its answers with the agency\'s message', async ({}, info) => {
  test.setTimeout(120_000);
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  await firstVisit(page);
  await page.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(page, 'Karimova');
  // Check your answers, then the saved application, say what happens next: who decides, how long, where to ask.
  const catalogue = JSON.parse(readFileSync('content/catalogue.json', 'utf8')) as { services: Array<{ id: string; name: Localized; agency: Localized; term: Localized }> };
  const service = catalogue.services.find((s) => s.id === SERVICE_ID)!;
  await expect(page.getByTestId('next-steps')).toContainText(service.agency.uz);
  await expect(page.getByTestId('next-steps')).toContainText(service.term.uz);
  await page.getByRole('button', { name: SUBMIT }).click();
  await expect(page).toHaveURL(/\/outbox\?saved=/);
  await expect(page.getByTestId('next-steps')).toContainText(service.term.uz);
  await keepScreenshot(page, info, 'uz-saved-next-steps');
  const card = page.getByTestId('outbox-item');
  await expect(card).toHaveAttribute('data-state', 'delivered');
  const reference = (await card.getByTestId('local-reference').textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
  const response = await postBackOfficeMove(BASE_URL, E2E_ADMIN_TOKEN, { application: reference, to: 'returned', uz: 'Familiyani pasportdagidek yozing' });
  expect(decodeURIComponent(response.headers.get('location') ?? '')).toContain('moved to returned');
  await page.goto('/applications');
  await page.getByRole('button', { name: 'Holatlarni hozir tekshirish' }).click();
  await expect(page.getByTestId('application')).toHaveAttribute('data-status', 'returned');

  for (const locale of LOCALES) {
    const status = strings(locale, 'status') as unknown as { title: string; correct: string; status: Record<string, string>; action: Record<string, string> };
    await page.goto('/');
    await chooseLanguage(page, locale);
    const waiting = page.getByTestId('needs-action');
    await expect(waiting.getByRole('heading')).toHaveText(status.action.title!);
    await expect(waiting.locator('li')).toHaveCount(1);
    await expect(waiting.locator('li')).toHaveText(`${service.name[locale]} ${status.status.returned} ${status.correct}`);
    await expectNoViolations(page, `${locale}: home with an application waiting`);
    await keepScreenshot(page, info, `${locale}-home-needs-action`);
  }
  // Straight to the answers with the agency's message, not to the first step.
  await page.getByTestId('needs-action').getByRole('link').click();
  await expect(page.getByTestId('returned-notice')).toContainText('Familiyani pasportdagidek yozing');
  await expect(page.getByTestId('answer-applicantLastName')).toHaveText('Karimova');
  await context.close();
});

test('the resident\'s consent names both people so that neither name takes a suffix or a case, in each language', async ({}, info) => {
  test.setTimeout(120_000);
  const resident = 'Dilnoza Karimova';
  const operator = 'Sinov Yordamchi';
  const { context, page } = await assistantPhone('rozilik.yordamchi', operator, resident);
  await page.setViewportSize(PHONE);
  await open(page, `/services/${SERVICE_ID}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  await fillBirthCertificate(page, 'Qudratova');
  for (const locale of LOCALES) {
    const session = strings(locale, 'session') as unknown as { consent: { text: string } };
    await chooseLanguage(page, locale);
    const text = page.locator('#consent-text');
    await expect(text).toHaveText(session.consent.text.replace('{{resident}}', resident).replace('{{operator}}', operator));
    // Each name ends where a comma or a full stop does: no "Sinov Yordamchiга", no declension to guess.
    await expect(text).toContainText(`${resident},`);
    await expect(text).toContainText(`${operator}.`);
    await text.scrollIntoViewIfNeeded();
    await keepScreenshot(page, info, `${locale}-consent`);
  }
  await context.close();
});
