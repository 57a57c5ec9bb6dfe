import { execFileSync } from 'node:child_process';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { SERVICE_ID, SUBMIT, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './app';
import { expectNoViolations } from './axe';
import { expectTapTargets } from './tap-targets';

/** The PIN operators choose in these tests. */
export const PIN = '246810';
const PASSWORD = 'mahalla-yordam-2026';

/** An operator made the way the README says an admin does it, on the server's own database. */
export function addOperator(username: string, name: string): void {
  execFileSync('npx', ['tsx', 'server/admin.ts', 'operator-add', username, '--name', name], {
    env: { ...process.env, DATA_DIR: process.env.XIZMAT_E2E_DATA, XIZMAT_OPERATOR_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
  });
}

/** The shell's Content-Security-Policy must hold with all of this working. */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
  return violations;
}

/**
 * In-app navigation, as a person taps a link: the keys live only in the page's memory, so a full
 * reload (page.goto) would lock the phone again, by design.
 */
export async function open(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((url) => url.pathname + url.search === path);
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/operator');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Kirish', exact: true }).click();
  await page.getByTestId('pin-new').fill(PIN);
  await page.getByTestId('pin-repeat').fill(PIN);
  await page.getByRole('button', { name: 'PIN-kodni saqlash' }).click();
  await expect(page).toHaveURL(/\/residents/);
}

export async function addResident(page: Page, name: string): Promise<void> {
  await open(page, '/residents');
  await page.getByTestId('resident-name').fill(name);
  await page.getByRole('button', { name: 'Qoʻshish va tanlash' }).click();
  await expect(page.getByTestId('working-for')).toContainText(name);
  await page.waitForURL((url) => url.pathname === '/');
}

/** Fills the real form for the resident, with their typed consent, and submits it. */
export async function applyFor(page: Page, resident: string): Promise<string> {
  await open(page, `/services/${SERVICE_ID}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  await fillBirthCertificate(page, 'Qudratova');
  // Without the resident's consent nothing is queued.
  await page.getByRole('button', { name: SUBMIT }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fuqaroning roziligi kerak' })).toBeVisible();
  await expectNoViolations(page, 'check your answers with the resident\'s consent');
  await expectTapTargets(page.locator('.consent .choices label'));
  await page.getByTestId('consent-name').fill(resident.toUpperCase());
  await page.getByRole('button', { name: SUBMIT }).click();
  await expect(page).toHaveURL(/\/outbox/);
  const card = page.getByTestId('outbox-item');
  await expect(card).toHaveCount(1);
  return (await card.getAttribute('data-id'))!;
}

/** An admin refuses every phone the operator signed in on, the way the README says (`device-revoke`). */
export function revokeDevices(username: string): void {
  execFileSync('npx', ['tsx', 'server/admin.ts', 'device-revoke', username], {
    env: { ...process.env, DATA_DIR: process.env.XIZMAT_E2E_DATA },
    stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
  });
}

/** A phone of its own: a fresh browser profile with the app installed. */
export interface AssistantPhone { context: BrowserContext; page: Page; violations: string[] }

/**
 * An assistant made by the admin command, on a fresh phone with the app installed, signed in there,
 * and working for `resident` when one is named. `violations` collects the phone's CSP reports.
 */
export async function assistantPhone(username: string, name: string, resident?: string): Promise<AssistantPhone> {
  addOperator(username, name);
  const context = await launchBrowser(newProfileDir());
  context.setDefaultTimeout(20_000);
  const violations = watchCsp(context);
  const page = await context.newPage();
  await firstVisit(page);
  await signIn(page, username);
  if (resident) await addResident(page, resident);
  return { context, page, violations };
}
