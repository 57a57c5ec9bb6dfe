import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTINUE, SUBMIT, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { serverRows } from './support/server-db';
import { fillDate } from './support/fill-date';

/** A small but real PDF: what a phone's scanner app saves. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');

test('a scanned diploma as a PDF: refused when it is not one, kept as it is, uploaded whole after the application', async () => {
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await firstVisit(page);
  await page.goto('/services/diploma-recognition');
  await page.locator('#field-applicantPinfl').fill('31507900010013');
  await page.locator('#field-applicantLastName').fill('Karimova');
  await page.locator('#field-applicantFirstName').fill('Dilnoza');
  await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
  await page.locator('#field-applyingFor').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-country').fill('Koreya Respublikasi');
  await page.locator('#field-institution').fill('Seul milliy universiteti');
  await fillDate(page, 'field-graduationDate', '2020-06-30');
  const input = page.locator('#field-diplomaScan');
  await expect(input).toHaveAttribute('accept', 'application/pdf,image/jpeg,image/png');

  // Named .pdf, but text inside: the phone reads the bytes, not the name.
  await input.setInputFiles({ name: 'diplom.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some notes, not a scan') });
  await expect(page.getByTestId('photo-note-diplomaScan')).toHaveText('Bu fayl turi qabul qilinmaydi. PDF, JPEG yoki PNG fayl tanlang.');
  await input.setInputFiles({ name: 'diplom.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('photo-note-diplomaScan')).toContainText('biriktirildi');
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.locator('#field-consent').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  await page.getByRole('button', { name: SUBMIT }).click();

  const item = page.getByTestId('outbox-item');
  await expect(item).toHaveAttribute('data-state', 'delivered');
  await expect(item).toContainText('1 tadan 1 ta');
  // The server holds the file under the hash the application names, byte for byte what was picked.
  const sha256 = createHash('sha256').update(PDF).digest('hex');
  const id = (await item.getAttribute('data-id'))!;
  const [row] = serverRows<{ payload: string }>('SELECT payload FROM submissions WHERE id = ?', id);
  expect(JSON.parse(row!.payload).answers.diplomaScan).toBe(`sha256:${sha256}`);
  expect(readFileSync(join(process.env.XIZMAT_E2E_DATA!, 'uploads', sha256)).equals(PDF)).toBe(true);
  await context.close();
});
