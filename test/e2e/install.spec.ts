import { expect, test } from '@playwright/test';
import { firstVisit, launchBrowser, newProfileDir } from './support/app';

test('Chromium finds the app installable; the service worker precaches the shell and keeps the strings of the language in use', async () => {
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await firstVisit(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
  expect(manifest.errors).toEqual([]);

  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain('/index.html');
  expect(cached).toContain('/manifest.webmanifest');
  // The strings of Uzbek Latin (the language in use), the very file the page named (one per language), and no other language's.
  const shell = await (await page.request.get('/index.html')).text();
  const uzStrings = [...shell.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+\.json)">/g)].map((m) => m[1]!);
  expect(uzStrings).toEqual([expect.stringMatching(/^\/assets\/strings-uz-[\w-]+\.json$/)]);
  await expect.poll(async () => (await page.evaluate(async () => (await (await caches.open('xizmat-strings')).keys()).map((r) => new URL(r.url).pathname))).sort())
    .toEqual([...uzStrings].sort());
  expect(cached.filter((u) => u.endsWith('.json'))).toEqual(expect.arrayContaining(uzStrings));
  await context.close();
});

test('the server sends hashed assets as immutable, the shell and service worker revalidated, and brotli', async ({ request }) => {
  const index = await request.get('/', { headers: { 'accept-encoding': 'br, gzip' } });
  expect(index.headers()['cache-control']).toBe('no-cache');
  const html = await index.text();
  const asset = html.match(/\/assets\/index-[\w-]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const js = await request.get(asset!, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(js.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(js.headers()['content-encoding']).toBe('br');
  const gz = await request.get(asset!, { headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  const sw = await request.get('/sw.js');
  expect(sw.headers()['cache-control']).toBe('no-cache');
  const deepLink = await request.get('/services/birth-certificate-copy');
  expect(deepLink.status()).toBe(200);
  expect(await deepLink.text()).toContain('<div id="app">');
});
