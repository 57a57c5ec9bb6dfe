import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../../playwright.config';
import { postBackOfficeMove } from '../../server/test-support/back-office-client';
import { BASE_URL, SERVICE_ID, SUBMIT, continueAndSubmit, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { cutNetwork } from './support/network';
import { serverRows } from './support/server-db';
import { registrationOf } from './support/service-worker';

/** The back office moves the application, as the agency's officer would. */
async function agencyMoves(application: string, to: string, message: { uz?: string; en?: string } = {}): Promise<void> {
  const response = await postBackOfficeMove(BASE_URL, E2E_ADMIN_TOKEN, { application, to, ...message });
  expect(decodeURIComponent(response.headers.get('location') ?? '')).toContain(`moved to ${to}`);
}

async function checkStatuses(page: Page): Promise<void> {
  await page.goto('/applications');
  await page.getByRole('button', { name: 'Holatlarni hozir tekshirish' }).click();
  await expect(page.getByTestId('last-status-sync')).toContainText('holatiga koʻra');
}

test('returned for correction, corrected as the same application, completed, then rated offline and delivered once', async () => {
  // A whole application's life with axe on five screens: about 35 s alone, more on a loaded machine.
  test.setTimeout(120_000);
  const context = await launchBrowser(newProfileDir());
  await context.grantPermissions(['notifications'], { origin: BASE_URL });
  // The shell's Content-Security-Policy must hold with everything below working: no violation anywhere.
  const violations: string[] = [];
  context.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
  const page = await context.newPage();
  // The narrowest phone this app supports: every new screen is checked by axe at this width.
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);

  // Submitted online: the reference is there at once, the number once the server has it.
  await page.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(page, 'Karimova');
  await page.getByRole('button', { name: SUBMIT }).click();
  const card = page.getByTestId('outbox-item');
  await expect(card).toHaveAttribute('data-state', 'delivered');
  const id = (await card.getAttribute('data-id'))!;
  const reference = (await card.getByTestId('local-reference').textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
  const number = (await card.getByTestId('receipt-number').textContent())!.match(/XZ-\d{4}-\d{6,}/)![0];
  await expect(page.getByTestId('notify-state')).toHaveText('Bu telefonda bildirishnomalar yoqilgan.');

  // The agency finds it by the reference the person names, and returns it with a comment.
  await agencyMoves(reference, 'returned', { uz: 'Familiyani pasportdagidek yozing', en: 'Write the surname as in the passport' });
  await checkStatuses(page);
  const application = page.getByTestId('application');
  await expect(application).toHaveAttribute('data-status', 'returned');
  await expect(application.getByTestId('agency-message')).toContainText('Familiyani pasportdagidek yozing');
  await expect(application.getByTestId('new-mark')).toBeVisible();
  await expect(application.getByTestId('application-number')).toContainText(number);
  await expectNoViolations(page, 'applications, returned');

  // The draft reopens with the comment; the correction goes as the same application.
  await application.getByRole('link', { name: 'Tuzatib, qayta yuborish' }).click();
  await expect(page.getByTestId('returned-notice')).toContainText('Familiyani pasportdagidek yozing');
  await expect(page.locator('#field-applicantLastName')).toHaveValue('Karimova');
  await expectNoViolations(page, 'form returned for correction');
  await page.locator('#field-applicantLastName').fill('Karimova-Saidova');
  await continueAndSubmit(page);
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  const rows = serverRows<{ id: string; number: string; revision: number; status: string; payload: string }>(
    'SELECT id, number, revision, status, payload FROM submissions WHERE id = ?', id);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ number, revision: 2, status: 'received' });
  expect(JSON.parse(rows[0]!.payload).answers.applicantLastName).toBe('Karimova-Saidova');

  // Completed while the app is closed: the service worker brings the status back and notifies.
  await agencyMoves(number, 'completed', { en: 'Ready for collection' });
  await page.close();
  // A page of the origin that is not the app (the API is never the app shell), to watch the worker from.
  const probe = await context.newPage();
  await probe.goto('/api/v1/catalogue');
  const cdp = await context.newCDPSession(probe);
  const registrationId = await registrationOf(cdp, BASE_URL);
  await expect.poll(async () => {
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: BASE_URL, registrationId, tag: 'xizmat-outbox', lastChance: false });
    return probe.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.title));
  }, { timeout: 20_000, intervals: [1_000] }).toEqual(['Tugʻilganlik toʻgʻrisidagi takroriy guvohnomani olish: holat oʻzgardi']);
  const app = await context.newPage();
  await app.goto('/applications');
  await app.reload();
  const done = app.getByTestId('application');
  await expect(done).toHaveAttribute('data-status', 'completed');
  await app.setViewportSize({ width: 320, height: 800 });
  await expectNoViolations(app, 'applications, completed, with the feedback form');

  // Feedback given with no network waits in the outbox and arrives once.
  const network = await cutNetwork(context);
  await done.getByLabel('Izoh (ixtiyoriy)').fill('Tez va qulay, rahmat');
  await done.getByRole('button', { name: 'Fikrni yuborish' }).click();
  await expect(done.getByRole('alert')).toHaveText('1 dan 5 gacha baho tanlang');
  await expectNoViolations(app, 'feedback form with its error');
  await done.getByLabel('5 — aʼlo').check();
  await done.getByRole('button', { name: 'Fikrni yuborish' }).click();
  await done.getByRole('button', { name: 'Fikrni yuborish' }).click({ timeout: 1_000 }).catch(() => undefined);
  await expect(done.getByTestId('feedback-done')).toHaveAttribute('data-state', 'queued');
  await app.reload();
  await expect(app.getByTestId('feedback-done')).toHaveAttribute('data-state', 'queued');
  expect(serverRows('SELECT id FROM feedback WHERE application_id = ?', id)).toHaveLength(0);
  expect(await network.reachedServer()).toEqual([]);
  await network.restore();
  // A document reloaded under Playwright's offline emulation starts with navigator.onLine true, so
  // no 'online' event follows; a real phone fires one when the network returns.
  await app.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(app.getByTestId('feedback-done')).toHaveAttribute('data-state', 'delivered');
  await app.evaluate(() => window.dispatchEvent(new Event('online')));
  await app.waitForTimeout(500);
  expect(serverRows<{ rating: number; comment: string }>('SELECT rating, comment FROM feedback WHERE application_id = ?', id))
    .toEqual([{ rating: 5, comment: 'Tez va qulay, rahmat' }]);

  // Any service can be rated from its passport, the same way.
  await app.goto(`/services/${SERVICE_ID}/about`);
  await expect(app.getByTestId('feedback-form')).toBeVisible();
  await expectNoViolations(app, 'passport with the feedback form');
  expect(violations).toEqual([]);
  await context.close();
});
