import { expect, test, type Page } from '@playwright/test';
import { validateAnswers, type Answers, type FormDefinition, type SoatoList } from '../../src/contract/index';
import { CONTINUE, SUBMIT, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations as expectAccessible } from './support/axe';
import { CuttableProxy } from './support/cuttable-proxy';
import { cutNetwork } from './support/network';
import { fillDate } from './support/fill-date';

const PASSPORT = 'foreign-travel-passport';
const NARROW = { width: 320, height: 800 };

/** Presses Continue and waits for the next step (or the check page) to be drawn. */
async function next(page: Page): Promise<void> {
  const before = page.url();
  await page.getByRole('button', { name: CONTINUE }).click();
  await expect(page).not.toHaveURL(before);
}

test('a family passport application: profile prefill, conditions, a children group and the fee, offline, across a browser restart', async () => {
  const profile = newProfileDir();
  // Through a link this test cuts: the restarted browser's service worker may run before any route
  // of the test is in place, and must find no network either.
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  let context = await launchBrowser(profile, { baseURL });
  let page = await context.newPage();
  // The narrowest phone the app supports: every step, group and summary must fit without sideways scrolling.
  await page.setViewportSize(NARROW);
  await firstVisit(page);

  // The person's details, kept on this phone, fill the matching questions of a new application.
  await page.goto('/profile');
  await page.locator('#field-profile-lastName').fill('Karimova');
  await page.locator('#field-profile-firstName').fill('Dilnoza');
  await page.locator('#field-profile-pinfl').fill('31507900010013');
  await page.locator('#field-profile-phone').fill('+998 90 123 45 67');
  await expectAccessible(page, 'profile');
  await page.waitForTimeout(300);
  // Open the form once online (it is fetched on first open), then lose the network.
  await page.goto(`/services/${PASSPORT}`);
  await expect(page.getByTestId('prefilled')).toBeVisible();
  link.cutLink();
  let network = await cutNetwork(context);
  await expect(page.locator('#field-applicantLastName')).toHaveValue('Karimova');
  await expect(page.locator('#field-applicantPinfl')).toHaveValue('31507900010013');
  await expectAccessible(page, 'passport form, step 1');

  await page.locator('#field-idCardNumber').fill('аа 1234567');
  // A PINFL whose check digit does not match is a warning: the first Continue stops to show it...
  await fillDate(page, 'field-applicantBirthDate', '1990-07-15');
  await page.locator('#field-applicantPinfl').fill('31507900010014');
  const url = page.url();
  await page.getByRole('button', { name: CONTINUE }).click();
  await expect(page.locator('#field-applicantPinfl-error')).toHaveClass('field-warning');
  expect(page.url()).toBe(url);
  // ...while an error always stops, with the summary.
  await fillDate(page, 'field-applicantBirthDate', '2015-01-01');
  await page.getByRole('button', { name: CONTINUE }).click();
  await expect(page.getByRole('alert')).toContainText('yosh talab qilinganidan kichik');
  await fillDate(page, 'field-applicantBirthDate', '1990-07-15');
  // Fixed: the summary goes as the answer changes (and the button moves up with it).
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The warning was seen: Continue goes on with it.
  await next(page);

  // Conditional questions: the old passport is asked about only when the passport is for the applicant.
  await page.locator('#field-passportFor-children').check();
  await expect(page.locator('#field-hasOldPassport')).toHaveCount(0);
  await page.locator('#field-passportFor').check();
  await page.locator('#field-hasOldPassport').check();
  await expect(page.locator('#field-oldPassportNumber')).toBeVisible();
  await page.locator('#field-hasOldPassport-no').check();
  await expect(page.locator('#field-oldPassportNumber')).toHaveCount(0);
  await expectAccessible(page, 'passport form, step 2');
  await next(page);

  // The children group: required, one item per child, "travels alone" asked from 14.
  await page.getByRole('button', { name: CONTINUE }).click();
  await expect(page.getByRole('alert')).toContainText('16 yoshgacha boʻlgan farzandlar');
  await page.getByRole('button', { name: 'Qoʻshish: Farzand' }).click();
  await page.locator('#field-children-0-childLastName').fill('Karimov');
  await page.locator('#field-children-0-childFirstName').fill('Jasur');
  await fillDate(page, 'field-children-0-childBirthDate', '2016-05-10');
  await page.locator('#field-children-0-childPinfl').fill('51005160010010');
  await expect(page.locator('#field-children-0-childTravelsAlone')).toHaveCount(0);
  await page.getByRole('button', { name: 'Qoʻshish: Farzand' }).click();
  await page.locator('#field-children-1-childLastName').fill('Karimova');
  await page.locator('#field-children-1-childFirstName').fill('Malika');
  await fillDate(page, 'field-children-1-childBirthDate', '2011-09-01');
  await page.locator('#field-children-1-childPinfl').fill('60109110010012');
  await page.locator('#field-children-1-childTravelsAlone-no').check();
  await expectAccessible(page, 'passport form, children');
  await page.waitForTimeout(300);
  expect(await network.reachedServer()).toEqual([]);

  // The browser is killed mid-form and reopened offline: the draft is listed and resumes.
  await context.close();
  context = await launchBrowser(profile, { baseURL });
  network = await cutNetwork(context);
  page = await context.newPage();
  await page.setViewportSize(NARROW);
  await page.goto('/drafts');
  await expect(page.getByTestId('draft-item')).toHaveCount(1);
  await expectAccessible(page, 'drafts');
  await page.getByTestId('draft-item').getByRole('link').click();
  await expect(page.locator('#field-applicantLastName')).toHaveValue('Karimova');
  // The PINFL warning is shown again in this new visit, once, then Continue goes on.
  await page.getByRole('button', { name: CONTINUE }).click();
  await expect(page.locator('#field-applicantPinfl-error')).toHaveClass('field-warning');
  await next(page);
  await next(page);
  await expect(page.locator('#field-children-1-childFirstName')).toHaveValue('Malika');
  await next(page);
  await page.locator('#field-region').selectOption('1703');
  await page.locator('#field-district').selectOption({ index: 1 });
  await next(page);

  // The duty: 1 BHM for the applicant and 80% of it for each of the two children.
  await expect(page.getByTestId('computed-fee')).toHaveText(/^1\s071\s200\ssoʻm$/);
  await page.locator('#field-consent').check();
  await expectAccessible(page, 'passport form, payment');
  await next(page);

  // Check your answers: what will be sent, canonical, with a change link per answer.
  await expect(page.getByTestId('answer-idCardNumber')).toHaveText('AA1234567');
  await expect(page.getByTestId('answer-children.1.childFirstName')).toHaveText('Malika');
  await expect(page.getByTestId('answer-fee')).toHaveText(/1\s071\s200/);
  await expectAccessible(page, 'check your answers');
  await page.getByRole('link', { name: /Oʻzgartirish.*Elektron pochta/ }).click();
  await expect(page.locator('#field-applicantEmail')).toBeFocused();
  await page.locator('#field-applicantEmail').fill('dilnoza@example.uz');
  for (let step = 0; step < 5; step++) await next(page);
  await expect(page.getByTestId('answer-applicantEmail')).toHaveText('dilnoza@example.uz');
  await page.getByRole('button', { name: SUBMIT }).click();

  // Saved in the outbox, sealed to the office (docs/security.md): the phone keeps the summary, not the answers.
  const card = page.getByTestId('outbox-item');
  await expect(card).toHaveAttribute('data-state', 'queued');
  await page.goto(`/submitted/${await card.getAttribute('data-id')}`);
  await expect(page.getByTestId('sealed-summary')).toBeVisible();
  await expect(page.getByText('Malika')).toHaveCount(0);
  await expectAccessible(page, 'submitted summary');
  // Still queued because nothing left the phone, not because the sending was slow.
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
  await link.stop();
});

test('a tampered application is refused by the server with the field errors the app finds', async ({ request }) => {
  const forms = await (await request.get(`/api/v1/forms?keys=${PASSPORT}:2`)).json() as { forms: FormDefinition[] };
  const form = forms.forms[0]!;
  const soato = await (await request.get('/api/v1/refs/soato')).json() as SoatoList;
  const tampered: Answers = {
    applicantPinfl: '3150790001001', applicantLastName: 'x'.repeat(61), applicantFirstName: 'Dilnoza', applicantBirthDate: '1990-07-15',
    idCardNumber: 'A1234567', applicantPhone: '+7 901 234 56 78', passportFor: ['children', 'pets'], hasOldPassport: 'no',
    children: [{ childLastName: 'K', childFirstName: 'J', childBirthDate: '2001-01-01', childPinfl: '51005160010010', extra: '1' }],
    region: '1703', district: '1726262', consent: 'yes', fee: '1',
  };
  const id = '01930000-0000-7000-8000-0000000000a1';
  const response = await request.post('/api/v1/submissions', {
    data: { items: [{ id, serviceId: PASSPORT, formVersion: 2, finalisedAt: new Date().toISOString(), answers: tampered }] },
  });
  const [result] = (await response.json()).results as Array<{ status: number; error: { code: string; fields: Array<{ field: string; code: string }> } }>;
  expect(result!.status).toBe(422);
  const server = result!.error.fields.map((p) => `${p.field}:${p.code}`);
  const app = validateAnswers(form, tampered, soato).map((p) => `${p.field}:${p.code}`);
  expect(server).toEqual(app);
  expect(server).toEqual(expect.arrayContaining([
    'applicantPinfl:pinfl_format', 'applicantLastName:too_long', 'idCardNumber:passport_format', 'applicantPhone:phone_format',
    'passportFor:option_unknown', 'children.0.childBirthDate:age_too_old', 'children.0.extra:unknown_field',
    'district:district_unknown', 'consent:not_text', 'fee:not_applicable', 'hasOldPassport:not_applicable',
  ]));
});
