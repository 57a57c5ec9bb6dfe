import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SERVICE_ID, firstVisit, launchBrowser, newProfileDir } from './support/app';

const DIST = process.env.XIZMAT_DIST ?? 'dist';
const SW_FILES = ['sw.js', 'sw.js.br', 'sw.js.gz'].map((name) => `${DIST}/${name}`);

test('a new version is offered with a reload button and never reloads a form by itself', async () => {
  const saved = SW_FILES.map((path) => { try { return readFileSync(path); } catch { return null; } });
  const context = await launchBrowser(newProfileDir());
  try {
    const page = await context.newPage();
    await firstVisit(page);
    await page.goto(`/services/${SERVICE_ID}`);
    await page.locator('#field-applicantLastName').fill('Yoʻldosheva');
    await page.evaluate(() => { (window as { marker?: number }).marker = 1; });

    // Deploy a new version: a changed service worker script on the server.
    writeFileSync(SW_FILES[0]!, `${saved[0]!.toString()}\n// e2e: version ${Date.now()}\n`);
    rmSync(SW_FILES[1]!, { force: true });
    rmSync(SW_FILES[2]!, { force: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const banner = page.getByRole('status').filter({ hasText: 'Xizmatning yangi versiyasi tayyor.' });
    await expect(banner).toBeVisible();
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
    await expect(page.locator('#field-applicantLastName')).toHaveValue('Yoʻldosheva');

    await banner.getByRole('button', { name: 'Qayta yuklash' }).click();
    await page.waitForFunction(() => (window as { marker?: number }).marker === undefined);
    await expect(page.locator('#field-applicantLastName')).toHaveValue('Yoʻldosheva');
    const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
    expect(waiting).toBe(false);
  } finally {
    await context.close();
    SW_FILES.forEach((path, i) => { const bytes = saved[i]; if (bytes) writeFileSync(path, bytes); });
  }
});
