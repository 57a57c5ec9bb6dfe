import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { cutNetwork } from './support/network';
import { applyFor, assistantPhone, watchCsp } from './support/operator';
import { serverRows } from './support/server-db';

const OPERATOR = 'Gulnora Saidova';
const RESIDENT = 'Bahodir Yoqubov';

/** This phone's secret device key as its database keeps it, hashed as the server keeps it. */
async function deviceHash(page: Page): Promise<string> {
  const key = await page.evaluate(() => new Promise<string>((resolve) => {
    const request = indexedDB.open('xizmat');
    request.onsuccess = () => {
      const get = request.result.transaction('meta').objectStore('meta').get('device.key');
      get.onsuccess = () => { resolve(get.result.value); request.result.close(); };
    };
  }));
  return createHash('sha256').update(key).digest('hex');
}

test('an assistant\'s application handed over offline is sent from a citizen\'s phone on the assistant\'s signature, shown there as carried for someone else, never as the citizen\'s', async () => {
  test.setTimeout(150_000);
  // The assistant's phone: signed in while online, then out of coverage in a village.
  const { context: phoneA, page: a, violations } = await assistantPhone('carry.field', OPERATOR, RESIDENT);
  const network = await cutNetwork(phoneA);
  const id = await applyFor(a, RESIDENT);
  await expect(a.getByTestId('outbox-item')).toHaveAttribute('data-state', /queued|sending/);
  const panel = a.getByTestId('handover-panel');
  await panel.getByRole('checkbox').check();
  const downloading = a.waitForEvent('download');
  await panel.getByRole('button', { name: 'Faylga saqlash' }).click();
  const download = await downloading;
  const path = join(mkdtempSync(join(tmpdir(), 'xizmat-carried-')), download.suggestedFilename());
  await download.saveAs(path);
  expect(await network.reachedServer()).toEqual([]);

  // A citizen's phone, where that assistant never signed in, with a network.
  const phoneB = await launchBrowser(newProfileDir());
  phoneB.setDefaultTimeout(20_000);
  violations.push(...watchCsp(phoneB));
  const b = await phoneB.newPage();
  await b.setViewportSize({ width: 320, height: 800 });
  await firstVisit(b);
  await b.goto('/outbox');
  await b.getByLabel('Arizalarni fayldan olish').setInputFiles(path);
  // Before anything is taken: what the file holds, whose, made when, and what taking it does.
  const preview = b.getByTestId('handover-preview');
  await expect(preview.getByRole('heading', { name: 'Bu faylda nima bor' })).toBeFocused();
  await expect(preview).toContainText('Arizalar: 1');
  await expect(preview.getByTestId('handover-preview-from')).toHaveText(`Fuqarolar uchun yordamchi tuzgan, har biri uning imzosi bilan. Fayl boʻyicha yordamchi: ${OPERATOR}.`);
  await expect(preview).toContainText('Tuzilgan:');
  await expect(preview).toContainText('Ular sizning arizalaringiz emas');
  await expect(b.getByTestId('outbox-item')).toHaveCount(0);
  await expectNoViolations(b, 'a hand-over file to confirm, at 320 px');
  await preview.getByRole('button', { name: 'Olish va yuborish' }).click();
  await expect(b.getByTestId('handover-taken')).toHaveText('Qoʻshildi: 1. Bu telefonda avvaldan bor edi: 0.');

  // Delivered on the strength of the assistant's signature, from this phone.
  const card = b.getByTestId('carried-list').locator(`[data-testid="outbox-item"][data-id="${id}"]`);
  await expect(card).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
  await expect(card).toContainText('Idoraga yetkazildi.');
  await expect(card).toContainText('Boshqa telefonda tuzilgan:');
  await expect(card.getByTestId('receipt-number')).toHaveCount(0);
  await expect(card.getByTestId('local-reference')).toHaveCount(0);
  await expect(card.getByTestId('outbox-problem')).toHaveCount(0);
  // The citizen's own lists do not hold it.
  await expect(b.getByText('Sizda hali arizalar yoʻq.')).toBeVisible();
  await expect(b.getByTestId('outbox-backlog')).toHaveCount(0);
  await expectNoViolations(b, 'outbox with an application carried for someone else');
  await b.goto('/applications');
  await expect(b.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(b.getByTestId('application')).toHaveCount(0);

  // The server holds it with the assistant, followed by the assistant's phone, not the carrier.
  const [row] = serverRows<{ operator_id: string | null; device_hash: string | null }>('SELECT operator_id, device_hash FROM submissions WHERE id = ?', id);
  expect(row?.operator_id).toBeTruthy();
  expect(row?.device_hash).toBe(await deviceHash(a));
  const statuses = await b.evaluate(async () => {
    const request = indexedDB.open('xizmat');
    const key = await new Promise<string>((resolve) => {
      request.onsuccess = () => {
        const get = request.result.transaction('meta').objectStore('meta').get('device.key');
        get.onsuccess = () => resolve(get.result.value);
      };
    });
    const response = await fetch('/api/v1/statuses', { headers: { 'x-xizmat-device-key': key } });
    return (await response.json()) as { changes: { id: string }[] };
  });
  expect(statuses.changes.map((change) => change.id)).not.toContain(id);

  // The assistant's phone, back in coverage, gets the same application's receipt: once on the server.
  await network.restore();
  await a.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(a.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
  expect(serverRows('SELECT id FROM submissions WHERE id = ?', id)).toHaveLength(1);
  expect(violations).toEqual([]);
  await phoneA.close();
  await phoneB.close();
});
