import { expect, test } from '@playwright/test';
import { SERVICE_ID, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { CuttableProxy } from './support/cuttable-proxy';
import { cutNetwork } from './support/network';
import { registrationOf } from './support/service-worker';
import { storedSubmissions } from './support/server-db';

test('an application filled offline survives reloads and a browser restart, then is delivered exactly once', async () => {
  // The phone reaches the server through a link this test can cut, like a village with no tower.
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  const profile = newProfileDir();
  let context = await launchBrowser(profile, { baseURL });
  let page = await context.newPage();
  await firstVisit(page);
  const rowsBefore = storedSubmissions().length;

  // Offline: the shell, the catalogue and the form all come from the device.
  link.cutLink();
  let network = await cutNetwork(context);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Davlat xizmatlari');
  await page.getByRole('link', { name: 'Tugʻilganlik toʻgʻrisidagi takroriy guvohnomani olish' }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${SERVICE_ID}/about$`));
  await page.getByRole('link', { name: 'Ariza berish' }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${SERVICE_ID}$`));
  await fillBirthCertificate(page);
  await page.getByRole('button', { name: 'Arizani yuborish' }).click();

  // Safe in the outbox, waiting.
  await expect(page).toHaveURL(/\/outbox/);
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-state', 'queued');
  await expect(item).toContainText('Yuborilishini kutmoqda');
  await expect(page.getByTestId('waiting-count')).toContainText('1');

  await page.reload();
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'queued');
  expect(await network.reachedServer()).toEqual([]);

  // A browser restart, still offline.
  await context.close();
  context = await launchBrowser(profile, { baseURL });
  network = await cutNetwork(context);
  page = await context.newPage();
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'queued');
  expect(storedSubmissions().length).toBe(rowsBefore);
  expect(await network.reachedServer()).toEqual([]);

  // Back online: delivered once, with the server's number on the phone.
  link.restoreLink();
  await network.restore();
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  const receipt = await page.getByTestId('receipt-number').textContent();
  const number = receipt?.match(/XZ-\d{4}-\d{6,}/)?.[0];
  expect(number).toBeTruthy();
  await expect(page.getByTestId('waiting-count')).toHaveCount(0);

  // Every wake-up again (reload, online event, Send now is gone): still one row on the server.
  await page.reload();
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(500);
  const rows = storedSubmissions();
  expect(rows.length).toBe(rowsBefore + 1);
  expect(rows.at(-1)?.number).toBe(number);
  await context.close();
  await link.stop();
});

test('the form and its validation work offline, in the person\'s language', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'ru-RU' });
  const page = await context.newPage();
  await firstVisit(page);
  const network = await cutNetwork(context);
  await page.goto(`/services/${SERVICE_ID}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Получение повторного свидетельства о рождении');
  await page.locator('#field-applicantPinfl').fill('1234');
  await page.getByRole('button', { name: 'Продолжить' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('ПИНФЛ состоит из 14 цифр');
  await summary.getByRole('link').first().click();
  await expect(page.locator('#field-applicantPinfl')).toBeFocused();
  await expect(page.getByTestId('outbox-item')).toHaveCount(0);
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
});

test('a half-filled form is still there after the browser is closed and reopened offline', async () => {
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  const profile = newProfileDir();
  let context = await launchBrowser(profile, { baseURL });
  let page = await context.newPage();
  await firstVisit(page);
  await page.goto(`/services/${SERVICE_ID}`);
  await page.locator('#field-applicantLastName').fill('Toshmatova');
  await page.waitForTimeout(300);
  await page.goto(`/services/${SERVICE_ID}?step=1`);
  await page.locator('#field-region').selectOption('1703');
  await page.waitForTimeout(300);
  await context.close();
  // Cut before the browser starts: its service worker may run before any route of the test is in place.
  link.cutLink();
  context = await launchBrowser(profile, { baseURL });
  const network = await cutNetwork(context);
  page = await context.newPage();
  await page.goto(`/services/${SERVICE_ID}`);
  await expect(page.locator('#field-applicantLastName')).toHaveValue('Toshmatova');
  await page.goto(`/services/${SERVICE_ID}?step=1`);
  await expect(page.locator('#field-region')).toHaveValue('1703');
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
  await link.stop();
});

test('the service worker delivers on Background Sync with the app closed', async () => {
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  const context = await launchBrowser(newProfileDir(), { baseURL });
  let page = await context.newPage();
  await firstVisit(page);
  const rowsBefore = storedSubmissions().length;
  link.cutLink();
  const network = await cutNetwork(context);
  await page.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(page, 'Rahimova');
  await page.getByRole('button', { name: 'Arizani yuborish' }).click();
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'queued');
  await page.close();
  expect(await network.reachedServer()).toEqual([]);

  // No page is open: only the service worker's sync handler can send it.
  link.restoreLink();
  await network.restore();
  await expect.poll(() => storedSubmissions().length, { timeout: 20_000 }).toBe(rowsBefore + 1);

  page = await context.newPage();
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  await expect(page.getByTestId('receipt-number')).toContainText(storedSubmissions().at(-1)!.number);
  await context.close();
  await link.stop();
});

test('what the service worker delivers shows at once on an open outbox screen', async () => {
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  const context = await launchBrowser(newProfileDir(), { baseURL });
  const page = await context.newPage();
  await firstVisit(page);
  const rowsBefore = storedSubmissions().length;
  link.cutLink();
  await page.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(page, 'Yusupova');
  await page.getByRole('button', { name: 'Arizani yuborish' }).click();
  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveAttribute('data-state', 'queued');

  // The page alone goes offline (DevTools' emulation is per page; the worker keeps its network), so
  // only the service worker can deliver, and only the database can tell the open screen it did.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  link.restoreLink();
  const registrationId = await registrationOf(cdp, baseURL);
  await expect.poll(async () => {
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: baseURL, registrationId, tag: 'xizmat-outbox', lastChance: false }).catch(() => undefined);
    return storedSubmissions().length;
  }, { timeout: 20_000, intervals: [1_000] }).toBe(rowsBefore + 1);
  await expect(item).toHaveAttribute('data-state', 'delivered');
  await expect(page.getByTestId('receipt-number')).toContainText(storedSubmissions().at(-1)!.number);
  await context.close();
  await link.stop();
});
