import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { STAND_IN_BANNER } from '../../server/identity/stand-in-oneid';
import { STAND_IN_CITIZENS } from '../../server/identity/stand-in-citizens';
import { CONTINUE, SUBMIT, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { cutNetwork } from './support/network';
import { serverRows } from './support/server-db';

// A citizen signs in once through the stand-in OneID, applies with no network as herself, and the
// application arrives under her; a second phone signed in as her sees its status. The service needs
// a signed-in citizen (its passport says identity "required").

const SERVICE = 'criminal-record-certificate';
const DILNOZA = STAND_IN_CITIZENS[0]!;
/** Each test signs in as its own citizen: the phones one citizen has signed in on are counted. */
const NODIRA = STAND_IN_CITIZENS[2]!;
type Citizen = typeof DILNOZA;

async function signIn(context: BrowserContext, who: Citizen): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);
  await page.goto('/profile');
  await page.getByTestId('citizen-sign-in').click();
  await atStandIn(page, who);
  await expect(page.getByTestId('citizen-session')).toContainText(who.lastName);
  await expect(page.getByTestId('citizen-session')).toContainText(who.firstName);
  return page;
}

/** On the stand-in OneID's page: it says plainly it is one; the citizen chooses herself and comes back. */
async function atStandIn(page: Page, who: Citizen): Promise<void> {
  // The stand-in OneID's own page, on this server, says plainly that it is one.
  await expect(page).toHaveURL(/\/stand-in-oneid\//);
  await expect(page.getByText(STAND_IN_BANNER.en)).toBeVisible();
  await expectNoViolations(page, 'the stand-in OneID\'s page');
  await page.getByRole('button', { name: `Sign in as ${who.firstName} ${who.lastName}` }).click();
  await expect(page).toHaveURL(/\/profile/);
  // The app has finished the sign-in (the server's word on who she is, the profile, what waited signed).
  await expect(page.getByTestId('citizen-sign-in-result')).toHaveClass(/success/);
}

/** Opens the service's form online once, then fills and submits it with the network cut; the queued item's id. */
async function applyOffline(context: BrowserContext, page: Page, who: Citizen): Promise<{ id: string; network: Awaited<ReturnType<typeof cutNetwork>> }> {
  await page.goto(`/services/${SERVICE}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  const network = await cutNetwork(context);
  await page.reload();
  // Filled from the identity OneID gave, not typed.
  await expect(page.locator('#field-applicantPinfl')).toHaveValue(new RegExp(`^${who.pinfl.replace(/(\d{4})(?=\d)/g, '$1\\s?')}$`));
  await expect(page.locator('#field-applicantLastName')).toHaveValue(who.lastName);
  await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-purpose').check();
  await page.locator('#field-language').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-consent').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.getByRole('button', { name: SUBMIT }).click();
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveAttribute('data-state', 'queued');
  const id = (await item.getAttribute('data-id'))!;
  expect(await network.reachedServer()).toEqual([]);
  expect(serverRows('SELECT id FROM submissions WHERE id = ?', id)).toEqual([]);
  return { id, network };
}

test('signed in with the stand-in OneID, a citizen applies offline as herself; a second phone signed in as her sees the status', async () => {
  test.setTimeout(120_000);
  const first = await launchBrowser(newProfileDir());
  const page = await signIn(first, DILNOZA);
  await expectNoViolations(page, 'the profile of a citizen signed in through the stand-in OneID');
  await page.screenshot({ path: test.info().outputPath('citizen-signed-in-320.png'), fullPage: true });

  // The form opened once with a network; filled and sent with none: the phone signs it as her.
  const { id, network } = await applyOffline(first, page, DILNOZA);
  const item = page.getByTestId('outbox-item');

  // Back in coverage: delivered once, filed under the citizen OneID named.
  await network.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(item).toHaveAttribute('data-state', 'delivered');
  expect(serverRows('SELECT c.pinfl FROM submissions s JOIN citizens c ON c.id = s.citizen_id WHERE s.id = ?', id)).toEqual([{ pinfl: DILNOZA.pinfl }]);
  const number = (await item.getByTestId('receipt-number').textContent())!.match(/XZ-\d{4}-\d{6,}/)![0];

  // Another phone, signed in as the same citizen: her application and its status are there.
  const second = await launchBrowser(newProfileDir());
  const other = await signIn(second, DILNOZA);
  await other.goto('/applications');
  await other.getByRole('button', { name: 'Holatlarni hozir tekshirish' }).click();
  const application = other.getByTestId('application').filter({ hasText: number });
  await expect(application).toHaveAttribute('data-status', 'received');
  await expectNoViolations(other, 'a citizen\'s application on her second phone');
  await other.screenshot({ path: test.info().outputPath('citizen-second-phone-320.png'), fullPage: true });

  // Her phones list names both.
  await other.goto('/profile');
  await expect(other.getByTestId('citizen-phones').getByRole('listitem')).toHaveCount(2);
  await first.close();
  await second.close();
});

test('a phone removed from another keeps what it queued: refused on arrival with the reason, sent once after signing in again', async () => {
  test.setTimeout(120_000);
  const first = await launchBrowser(newProfileDir());
  const page = await signIn(first, NODIRA);
  const { id, network } = await applyOffline(first, page, NODIRA);

  // Her other phone removes this one (lost, say) while it is out of coverage.
  const second = await launchBrowser(newProfileDir());
  const other = await signIn(second, NODIRA);
  const phones = other.getByTestId('citizen-phones');
  await expect(phones.getByRole('listitem')).toHaveCount(2);
  await phones.getByRole('button', { name: 'Olib tashlash' }).click();
  await other.getByRole('dialog').getByRole('button', { name: 'Olib tashlash' }).click();
  await expect(phones.getByRole('listitem')).toHaveCount(1);

  // Back in coverage: the server refuses what the ended sign-in signed; the phone keeps it and says why.
  await network.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveAttribute('data-state', 'needs_action');
  expect(serverRows('SELECT id FROM submissions WHERE id = ?', id)).toEqual([]);
  await expectNoViolations(page, 'an application waiting for its citizen to sign in again');
  await page.screenshot({ path: test.info().outputPath('citizen-revoked-320.png'), fullPage: true });

  // Signing in again from the item signs it with the new key and sends it, once.
  await item.getByTestId('citizen-sign-in').click();
  await atStandIn(page, NODIRA);
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  expect(serverRows('SELECT c.pinfl FROM submissions s JOIN citizens c ON c.id = s.citizen_id WHERE s.id = ?', id)).toEqual([{ pinfl: NODIRA.pinfl }]);
  await first.close();
  await second.close();
});
