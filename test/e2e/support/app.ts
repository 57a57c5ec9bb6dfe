import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath } from './chromium-path';
import { watchRequests } from './network';
import { fillDate } from './fill-date';

export const BASE_URL = `http://127.0.0.1:${process.env.XIZMAT_E2E_PORT ?? '8181'}`;
export const SERVICE_ID = 'birth-certificate-copy';
/** The form version new drafts of SERVICE_ID start on (v2 added the optional photo of the old certificate). */
export const FORM_VERSION = 2;

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'xizmat-profile-'));
}

/**
 * A browser with a profile on disk, so closing and relaunching it is a real browser restart:
 * IndexedDB, the service worker and its caches survive as they would on a phone.
 */
export async function launchBrowser(
  profileDir: string, options: { locale?: string; baseURL?: string } = {},
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: ['--disable-gpu', '--disable-quic'],
    baseURL: options.baseURL ?? BASE_URL,
    locale: options.locale ?? 'uz-UZ',
    serviceWorkers: 'allow',
  });
  watchRequests(context);
  return context;
}

/** First visit: the service worker controls the page and the catalogue and form are on the device. */
export async function firstVisit(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-ready', 'true');
}

/** The home screen's heading in Uzbek (Latin), which the service worker's shell shows first. */
export const HOME_TITLE = 'Davlat xizmatlari';

/**
 * Waits for the screen at a path other than home to be drawn: the service worker answers any path
 * with the shell, the home screen, until the app takes over and the screen's data has loaded, so a
 * heading seen at once may still be the shell's.
 */
export async function screenShown(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  await expect(heading).not.toHaveText(HOME_TITLE);
  // A screen whose data is still coming from the database says so in its heading (ScreenLoading).
  await expect(heading).not.toHaveClass(/screen-loading/);
}

/** The step button (Continue) and the check page's Submit, as the Uzbek Latin UI names them. */
export const CONTINUE = 'Davom etish';
export const SUBMIT = 'Arizani yuborish';

/**
 * Fills the repeat birth certificate form with a valid application, step by step, and stops on
 * "check your answers" with the Submit button showing. Starts from the first step wherever it is.
 */
export async function fillBirthCertificate(page: Page, lastName = 'Karimova'): Promise<void> {
  if (!(await page.locator('#field-applicantPinfl').isVisible())) await page.goto(`/services/${SERVICE_ID}?step=0`);
  await page.locator('#field-applicantPinfl').fill('31507900010013');
  await page.locator('#field-applicantLastName').fill(lastName);
  await page.locator('#field-applicantFirstName').fill('Dilnoza');
  await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
  await page.locator('#field-relation').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-personLastName').fill('Karimov');
  await page.locator('#field-personFirstName').fill('Jasur');
  await fillDate(page, 'field-birthDate', '2015-03-21');
  await page.locator('#field-region').selectOption('1703');
  await page.locator('#field-district').selectOption({ index: 1 });
  await page.locator('#field-reason').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-consent').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await expect(page.getByRole('button', { name: SUBMIT })).toBeVisible();
}

/** Presses Continue through the remaining steps (a draft reopened to be corrected), then Submit. */
export async function continueAndSubmit(page: Page): Promise<void> {
  const submit = page.getByRole('button', { name: SUBMIT });
  for (let step = 0; !(await submit.isVisible()); step++) {
    if (step > 10) throw new Error('continueAndSubmit: no Submit button after 10 steps');
    const before = page.url();
    await page.getByRole('button', { name: CONTINUE }).click();
    await expect(page).not.toHaveURL(before);
  }
  await submit.click();
}
