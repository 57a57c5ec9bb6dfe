import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { groupReference } from '../../src/contract/index';
import { BASE_URL, CONTINUE, SUBMIT, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { fillDate } from './support/fill-date';
import { cutNetwork } from './support/network';
import { serverRows } from './support/server-db';

// A service with a state duty, end to end: applied with no network, billed when it arrives, the
// invoice on the phone with its reference and QR code, paid by the stand-in Payme through the real
// server, the receipt on the phone, and all of it still there with no network.

const FEE_SERVICE = 'foreigner-invitation';
/** The form's state duty: 5% of BHM, in soʻm. */
const FEE_SUM = 20_600;

async function checkStatuses(page: Page): Promise<void> {
  await page.goto('/applications');
  await page.getByRole('button', { name: 'Holatlarni hozir tekshirish' }).click();
  await expect(page.getByTestId('last-status-sync')).toContainText('holatiga koʻra');
}

/** `npm run admin -- pay <number>`: the stand-in Payme pays through the running server, as the README says. */
async function standInPays(number: string): Promise<string> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'server/admin.ts', 'pay', number], {
    env: { ...process.env, DATA_DIR: process.env.XIZMAT_E2E_DATA, PORT: new URL(BASE_URL).port },
  });
  const transaction = /stand-in Payme transaction ([0-9a-f]{24})/.exec(stdout)?.[1];
  if (!transaction) throw new Error(`the stand-in did not pay: ${stdout}`);
  return transaction;
}

test('a fee: applied offline, billed on arrival, paid later by the stand-in Payme, the receipt kept offline', async () => {
  test.setTimeout(120_000);
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);

  // The form was opened once with a network (in town); filled with none (in the village): the
  // form, its computed duty and the outbox all work from the phone.
  await page.goto(`/services/${FEE_SERVICE}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  let network = await cutNetwork(context);
  await page.reload();
  await page.locator('#field-applicantPinfl').fill('31507900010013');
  await page.locator('#field-applicantLastName').fill('Karimova');
  await page.locator('#field-applicantFirstName').fill('Dilnoza');
  await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-guestFullName').fill('Anna Schmidt');
  await page.locator('#field-guestCitizenship').fill('Germaniya');
  await fillDate(page, 'field-arrivalDate', '2027-05-01');
  await expect(page.getByTestId('computed-fee')).toContainText('20');
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-consent').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.getByRole('button', { name: SUBMIT }).click();
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveAttribute('data-state', 'queued');
  const id = (await item.getAttribute('data-id'))!;
  expect(await network.reachedServer()).toEqual([]);
  expect(serverRows('SELECT id FROM submissions WHERE id = ?', id)).toEqual([]);

  // The network returns: delivered once, billed by the server from the answers.
  await network.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(item).toHaveAttribute('data-state', 'delivered');
  const number = (await item.getByTestId('receipt-number').textContent())!.match(/XZ-\d{4}-\d{6,}/)![0];
  const [invoice] = serverRows<{ reference: string; amount_tiyin: number; state: string; status: string }>(
    'SELECT i.reference, i.amount_tiyin, i.state, s.status FROM invoices i JOIN submissions s ON s.id = i.submission_id WHERE s.id = ?', id);
  expect(invoice).toMatchObject({ amount_tiyin: FEE_SUM * 100, state: 'open', status: 'awaiting_payment' });

  // The next status sync brings the invoice: amount, reference, where to pay, and a QR code for a payment app.
  await checkStatuses(page);
  const application = page.getByTestId('application');
  await expect(application).toHaveAttribute('data-status', 'awaiting_payment');
  const panel = page.getByTestId('invoice-panel');
  await expect(panel.getByTestId('invoice-reference')).toHaveText(groupReference(invoice!.reference));
  await expect(panel.getByTestId('invoice-amount')).toContainText(/20\s?600/);
  await expect(panel.getByTestId('invoice-qr')).toBeVisible();
  await expectNoViolations(page, 'an application awaiting payment, with its invoice');
  await page.screenshot({ path: test.info().outputPath('invoice-open-320.png'), fullPage: true });

  // Paid elsewhere (in a payment app): the phone learns it with its next status sync.
  const transaction = await standInPays(number);
  expect(serverRows('SELECT status FROM submissions WHERE id = ?', id)).toEqual([{ status: 'received' }]);
  await checkStatuses(page);
  await expect(application).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('invoice-receipt')).toContainText(transaction);
  await expect(page.getByTestId('invoice-qr')).toHaveCount(0);
  await expectNoViolations(page, 'a paid application with its receipt');
  await page.screenshot({ path: test.info().outputPath('invoice-paid-320.png'), fullPage: true });

  // With no network again, the receipt is still there after a reload.
  network = await cutNetwork(context);
  await page.reload();
  await expect(page.getByTestId('application')).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('invoice-receipt')).toContainText(transaction);
  expect(await network.reachedServer()).toEqual([]);
  await network.restore();
  await context.close();
});
