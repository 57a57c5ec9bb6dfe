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

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);
  await page.goto('/profile');
  await page.getByTestId('citizen-sign-in').click();
  // The stand-in OneID's own page, on this server, says plainly that it is one.
  await expect(page).toHaveURL(/\/stand-in-oneid\//);
  await expect(page.getByText(STAND_IN_BANNER.en)).toBeVisible();
  await page.getByRole('button', { name: `Sign in as ${DILNOZA.firstName} ${DILNOZA.lastName}` }).click();
  await expect(page).toHaveURL(/\/profile/);
  const session = page.getByTestId('citizen-session');
  await expect(session).toContainText(DILNOZA.lastName);
  await expect(session).toContainText(DILNOZA.firstName);
  return page;
}

test('signed in with the stand-in OneID, a citizen applies offline as herself; a second phone signed in as her sees the status', async () => {
  test.setTimeout(120_000);
  const first = await launchBrowser(newProfileDir());
  const page = await signIn(first);
  await expectNoViolations(page, 'the profile of a citizen signed in through the stand-in OneID');
  await page.screenshot({ path: test.info().outputPath('citizen-signed-in-320.png'), fullPage: true });

  // The form opened once with a network; filled and sent with none: the phone signs it as her.
  await page.goto(`/services/${SERVICE}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  const network = await cutNetwork(first);
  await page.reload();
  // Filled from the identity OneID gave, not typed.
  await expect(page.locator('#field-applicantPinfl')).toHaveValue(/3150\s?7900\s?0100\s?13|31507900010013/);
  await expect(page.locator('#field-applicantLastName')).toHaveValue(DILNOZA.lastName);
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

  // Back in coverage: delivered once, filed under the citizen OneID named.
  await network.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(item).toHaveAttribute('data-state', 'delivered');
  expect(serverRows('SELECT c.pinfl FROM submissions s JOIN citizens c ON c.id = s.citizen_id WHERE s.id = ?', id)).toEqual([{ pinfl: DILNOZA.pinfl }]);
  const number = (await item.getByTestId('receipt-number').textContent())!.match(/XZ-\d{4}-\d{6,}/)![0];

  // Another phone, signed in as the same citizen: her application and its status are there.
  const second = await launchBrowser(newProfileDir());
  const other = await signIn(second);
  await other.goto('/applications');
  await other.getByRole('button', { name: 'Holatlarni hozir tekshirish' }).click();
  const application = other.getByTestId('application').filter({ hasText: number });
  await expect(application).toHaveAttribute('data-status', 'received');
  await expectNoViolations(other, 'a citizen\'s application on her second phone');
  await other.screenshot({ path: test.info().outputPath('citizen-second-phone-320.png'), fullPage: true });

  // Its phones list names both; the first phone's device key alone reads nothing of hers.
  await other.goto('/profile');
  await expect(other.getByTestId('citizen-phones').getByRole('listitem')).toHaveCount(2);
  await first.close();
  await second.close();
});
