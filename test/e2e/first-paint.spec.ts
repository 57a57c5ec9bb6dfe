import { expect, test } from '@playwright/test';
import { launchBrowser, newProfileDir } from './support/app';

test('the first screen is in the HTML itself, drawn before any script runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Davlat xizmatlari');
  await expect(page.getByLabel('Xizmatni qidirish')).toBeVisible();
  // The CSS is inlined: the page asks for no stylesheet.
  expect(await page.locator('link[rel=stylesheet]').count()).toBe(0);
  await context.close();
});

test('a deep link never shows the prerendered home screen, and the app takes over the prerendered one', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'ru-RU' });
  const page = await context.newPage();
  // Hold the app's script back: until it runs, the prerendered home screen must stay hidden here.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => { await held; await route.continue(); });
  await page.goto('/outbox', { waitUntil: 'commit' });
  await page.waitForSelector('#app h1', { state: 'attached' });
  await expect(page.locator('#app')).toBeHidden();
  release();
  await expect(page.locator('#app')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Davlat xizmatlari');
  await page.unrouteAll();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Государственные услуги');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await context.close();
});
