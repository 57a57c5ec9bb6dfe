// The floor: the app's own first screen and repeat-birth-certificate form, rendered once and saved as
// plain static HTML with the CSS inlined and every script removed. What a network can deliver at best
// for the same screens (no offline, no logic, no other language).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { compressDir } from '../../scripts/compress-dist';

/** Strips scripts, preloads, the manifest and icons; inlines the stylesheets given as text. */
const SNAPSHOT_JS = `(() => {
  const doc = document.documentElement.cloneNode(true);
  doc.querySelectorAll('script, link[rel=modulepreload], link[rel=preload], link[rel=manifest], link[rel=icon], link[rel=apple-touch-icon], noscript').forEach((n) => n.remove());
  const hrefs = [...doc.querySelectorAll('link[rel=stylesheet]')].map((l) => { const h = l.getAttribute('href'); l.remove(); return h; });
  return { html: '<!doctype html>' + doc.outerHTML, hrefs };
})()`;

/** Snapshots home (`index.html`) and the form (`form.html`) from the running app into `dir`. */
export async function buildFloor(browser: Browser, appUrl: string, dist: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({ locale: 'uz-UZ', serviceWorkers: 'block' });
  const page = await context.newPage();
  const pages: Array<[string, string, string]> = [
    ['/', '[data-testid="sync-status"][data-ready="true"]', 'index.html'],
    ['/services/birth-certificate-copy', '#field-applicantPinfl', 'form.html'],
    ['/services/foreign-travel-passport', '#field-applicantPinfl', 'form-passport.html'],
  ];
  for (const [path, selector, file] of pages) {
    await page.goto(appUrl + path);
    await page.waitForSelector(selector, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const { html, hrefs } = (await page.evaluate(SNAPSHOT_JS)) as { html: string; hrefs: string[] };
    const css = hrefs.map((h) => readFileSync(join(dist, h.replace(/^\//, '')), 'utf8')).join('\n');
    writeFileSync(join(dir, file), html.replace('</head>', `<style>${css}</style></head>`));
  }
  await context.close();
  compressDir(dir);
}
