import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SERVICE_ID, continueAndSubmit, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { CuttableProxy } from './support/cuttable-proxy';
import { cutNetwork } from './support/network';
import { storedSubmissions } from './support/server-db';

test('a photo taken offline is compressed, kept on the phone, and uploaded after the application once online', async () => {
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  const context = await launchBrowser(newProfileDir(), { baseURL });
  const page = await context.newPage();
  await firstVisit(page);
  link.cutLink();
  const network = await cutNetwork(context);
  await page.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(page, 'Suratli');
  // The photo question is on the second step: back there through the check page's change link.
  await page.getByRole('link', { name: /Oʻzgartirish.*(surat|Surat)/ }).first().click();
  await page.locator('#field-documentPhoto').setInputFiles('public/icons/icon-512.png');
  await expect(page.getByTestId('photo-note-documentPhoto')).toContainText('Surat biriktirildi');
  // Compressed off the main thread, in the app's one worker.
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(expect.stringMatching(/^\/assets\/worker-[\w-]+\.js$/));
  await continueAndSubmit(page);
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'queued');
  await expect(page.getByTestId('outbox-item')).toContainText('Yuborilgan suratlar: 1 tadan 0 ta');

  expect(await network.reachedServer()).toEqual([]);
  link.restoreLink();
  await network.restore();
  await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  await expect(page.getByTestId('outbox-item')).toContainText('Yuborilgan suratlar: 1 tadan 1 ta');

  // The server holds the photo under the hash the application names, and the bytes match it.
  const row = storedSubmissions().at(-1)!;
  const ref = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => { const r = indexedDB.open('xizmat'); r.onsuccess = () => resolve(r.result); });
    const rows = await new Promise<{ attachments?: { sha256: string; done: boolean }[] }[]>((resolve) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll(); r.onsuccess = () => resolve(r.result);
    });
    const blobs = await new Promise<number>((resolve) => { const r = db.transaction('blobs').objectStore('blobs').count(); r.onsuccess = () => resolve(r.result); });
    return { attachments: rows.flatMap((row) => row.attachments ?? []), blobs };
  });
  expect(ref.attachments).toHaveLength(1);
  expect(ref.attachments[0]!.done).toBe(true);
  expect(ref.blobs, 'the photo leaves the phone once the server holds it').toBe(0);
  const file = readFileSync(join(process.env.XIZMAT_E2E_DATA!, 'uploads', ref.attachments[0]!.sha256));
  expect(createHash('sha256').update(file).digest('hex')).toBe(ref.attachments[0]!.sha256);
  expect(file.length).toBeLessThanOrEqual(250 * 1024);
  expect(row.number).toMatch(/^XZ-/);
  await context.close();
  await link.stop();
});
