import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { SERVICE_ID, SUBMIT, continueAndSubmit, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { CuttableProxy } from './support/cuttable-proxy';
import { cutNetwork } from './support/network';
import { serverRows, storedSubmissions } from './support/server-db';

/** One row of the phone's IndexedDB store, read in the page. */
function readRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve) => { const r = indexedDB.open('xizmat'); r.onsuccess = () => resolve(r.result); });
    return new Promise<unknown[]>((resolve) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => resolve(r.result); });
  }, store) as Promise<T[]>;
}

/** Any Content-Security-Policy violation the browser reports in this context. */
function watchCsp(context: BrowserContext, violations: string[]): void {
  context.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
}

const TAKEN = (added: number, here: number) => `Qoʻshildi: ${added}. Bu telefonda avvaldan bor edi: ${here}.`;
const TAMPERED = 'Fayl oʻzgartirilgan yoki yoʻlda buzilgan: uni qaytadan saqlashni soʻrang. Hech narsa qoʻshilmadi.';
const READABLE = 'Faylda shifrlanmagan ariza bor: bunday fayl qabul qilinmaydi. Hech narsa qoʻshilmadi.';

test('sealed applications handed over in a file are sent by another phone, once, and again by the first phone, still once', async () => {
  // Two phones, two applications, a photo, five imports: about 40 s alone.
  test.setTimeout(150_000);
  const violations: string[] = [];
  const rowsBefore = storedSubmissions().length;

  // Phone A works in a village: it reaches the server through a link this test cuts.
  const link = new CuttableProxy(Number(process.env.XIZMAT_E2E_PORT));
  const baseURL = await link.start();
  const phoneA = await launchBrowser(newProfileDir(), { baseURL });
  watchCsp(phoneA, violations);
  const a = await phoneA.newPage();
  await a.setViewportSize({ width: 320, height: 800 });
  await firstVisit(a);
  // The server's seal key came with the content: what is finalised offline is sealed.
  await expect.poll(async () => (await readRows<{ key: string }>(a, 'meta')).some((row) => row.key === 'sealKey')).toBe(true);

  link.cutLink();
  const networkA = await cutNetwork(phoneA);
  await a.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(a, 'Karimova');
  await a.getByRole('button', { name: SUBMIT }).click();
  await expect(a).toHaveURL(/\/outbox/);
  await a.goto(`/services/${SERVICE_ID}`);
  await fillBirthCertificate(a, 'Suratli');
  await a.getByRole('link', { name: /Oʻzgartirish.*(surat|Surat)/ }).first().click();
  await a.locator('#field-documentPhoto').setInputFiles('public/icons/icon-512.png');
  await expect(a.getByTestId('photo-note-documentPhoto')).toContainText('Surat biriktirildi');
  await continueAndSubmit(a);
  await expect(a.getByTestId('outbox-item')).toHaveCount(2);
  const outboxA = await readRows<{ id: string; state: string; payload: { codec: string } }>(a, 'outbox');
  // Waiting (the service worker may be trying the cut link this very moment), and sealed.
  expect(outboxA.map((row) => [row.state === 'queued' || row.state === 'sending', row.payload.codec])).toEqual([[true, 'sealed-v1'], [true, 'sealed-v1']]);
  const ids = outboxA.map((row) => row.id);

  // Both saved to one file.
  const panel = a.getByTestId('handover-panel');
  await expect(panel.getByRole('heading', { name: 'Internetsiz uzatish' })).toBeVisible();
  await expectNoViolations(a, 'outbox with the hand-over panel');
  for (const box of await panel.getByRole('checkbox').all()) await box.check();
  const downloading = a.waitForEvent('download');
  await panel.getByRole('button', { name: 'Faylga saqlash' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^xizmat-handover-\d{4}-\d{2}-\d{2}-2\.json$/);
  const path = join(mkdtempSync(join(tmpdir(), 'xizmat-handover-')), download.suggestedFilename());
  await download.saveAs(path);
  await expect(a.getByTestId('handover-saved')).toContainText('Faylga saqlangan arizalar: 2.');
  const text = readFileSync(path, 'utf8');
  const file = JSON.parse(text);
  expect(file.items.map((item: { id: string }) => item.id).sort()).toEqual([...ids].sort());
  expect(file.items.flatMap((item: { blobs: unknown[] }) => item.blobs)).toHaveLength(1);
  for (const secret of ['owner', 'Karimova', 'Suratli', '31507900010013']) expect(text).not.toContain(secret);
  // Still on phone A, still waiting, marked as handed over.
  await expect(a.getByTestId('outbox-item').and(a.locator('[data-state="queued"], [data-state="sending"]'))).toHaveCount(2);
  await expect(panel).toContainText('faylga saqlangan');
  await expectNoViolations(a, 'outbox after saving a hand-over file');
  // Phone B is not started yet: whatever reached the server so far came from phone A.
  expect(await networkA.reachedServer()).toEqual([]);

  // Phone B (another browser profile, with a network) refuses changed files whole. Each refusal
  // says something else than the one before, so each is seen to have happened.
  const phoneB = await launchBrowser(newProfileDir());
  watchCsp(phoneB, violations);
  const b = await phoneB.newPage();
  await b.setViewportSize({ width: 320, height: 800 });
  await firstVisit(b);
  await b.goto('/outbox');
  const input = b.getByLabel('Arizalarni fayldan olish');
  const status = b.getByTestId('handover-taken');
  const take = (name: string, content: string) => input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

  const envelopeChanged = JSON.parse(text);
  const body: string = envelopeChanged.items[0].payload.body;
  const at = body.indexOf('"ct":"') + 12;
  envelopeChanged.items[0].payload.body = body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1);
  await take('envelope.json', JSON.stringify(envelopeChanged));
  await expect(status).toHaveText(TAMPERED);

  const readable = JSON.parse(text);
  readable.items[0].payload = { codec: 'json-v1', body: JSON.stringify({ answers: { applicantLastName: 'Karimova' } }) };
  await take('readable.json', JSON.stringify(readable));
  await expect(status).toHaveText(READABLE);

  const photoChanged = JSON.parse(text);
  const withPhoto = photoChanged.items.find((item: { blobs: unknown[] }) => item.blobs.length === 1);
  const bytes = Buffer.from(withPhoto.blobs[0].data, 'base64');
  bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0x01, bytes.length >> 1);
  withPhoto.blobs[0].data = bytes.toString('base64');
  await take('photo.json', JSON.stringify(photoChanged));
  await expect(status).toHaveText(TAMPERED);

  await expect(b.getByTestId('outbox-item')).toHaveCount(0);
  expect(await readRows(b, 'blobs')).toHaveLength(0);
  await expectNoViolations(b, 'outbox with a refused hand-over file');

  // The real file, twice: phone B is told what it holds before taking it; the second time adds nothing.
  // Phone B sends what it took, as someone else's applications it carries.
  const preview = b.getByTestId('handover-preview');
  await input.setInputFiles(path);
  await expect(preview).toContainText('Arizalar: 2');
  await expect(preview).toContainText('Arizalarni egalari boshqa telefonda tuzgan.');
  await expect(b.getByTestId('outbox-item')).toHaveCount(0);
  await expectNoViolations(b, 'outbox with a hand-over file to confirm');
  await preview.getByRole('button', { name: 'Olish va yuborish' }).click();
  await expect(status).toHaveText(TAKEN(2, 0));
  await input.setInputFiles(path);
  await expect(preview).toContainText('Bu telefonda allaqachon bor: 2');
  await preview.getByRole('button', { name: 'Olish va yuborish' }).click();
  await expect(status).toHaveText(TAKEN(0, 2));
  await expect(b.getByTestId('outbox-item')).toHaveCount(2);
  await expect(b.getByTestId('outbox-item').and(b.locator('[data-state="delivered"]'))).toHaveCount(2, { timeout: 30_000 });
  await expect(b.getByTestId('outbox-item')).toContainText(['Yuborilgan suratlar: 1 tadan 1 ta']);
  // Not phone B's applications: carried for others, with no number of theirs.
  await expect(b.getByTestId('carried-list').getByTestId('carried-delivered')).toHaveCount(2);
  await expect(b.getByTestId('receipt-number')).toHaveCount(0);
  const held = serverRows<{ id: string; service_id: string }>('SELECT id, service_id FROM submissions WHERE id IN (?, ?)', ...ids);
  expect(held.map((row) => row.service_id)).toEqual([SERVICE_ID, SERVICE_ID]);
  expect(storedSubmissions().length).toBe(rowsBefore + 2);
  // The photo came with the file, byte for byte.
  const photo = file.items.flatMap((item: { attachments: { sha256: string }[] }) => item.attachments)[0].sha256;
  const uploaded = readFileSync(join(process.env.XIZMAT_E2E_DATA!, 'uploads', photo));
  expect(createHash('sha256').update(uploaded).digest('hex')).toBe(photo);
  const numbers = serverRows<{ number: string }>('SELECT number FROM submissions WHERE id IN (?, ?)', ...ids).map((row) => `Ariza raqami: ${row.number}`);

  // Phone A gets its network back and sends too: the server already holds both, once each.
  link.restoreLink();
  await networkA.restore();
  await a.reload();
  await expect(a.getByTestId('outbox-item').and(a.locator('[data-state="delivered"]'))).toHaveCount(2, { timeout: 30_000 });
  expect((await a.getByTestId('receipt-number').allTextContents()).sort()).toEqual([...numbers].sort());
  // Its photo upload finds the server already holding those bytes (uploads go by SHA-256).
  await expect(a.getByTestId('outbox-item')).toContainText(['Yuborilgan suratlar: 1 tadan 1 ta']);
  await a.waitForTimeout(500);
  expect(storedSubmissions().length).toBe(rowsBefore + 2);
  expect(serverRows('SELECT id FROM submissions WHERE id IN (?, ?)', ...ids)).toHaveLength(2);
  expect(violations).toEqual([]);
  await phoneA.close();
  await phoneB.close();
  await link.stop();
});
