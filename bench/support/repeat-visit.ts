// The visits that need the service worker: a first visit until the phone works offline (bytes on the
// wire, what the install stores), then a repeat visit offline on P3 (T3), search (T4), saving an
// application (T6), and what delivering it costs when the network returns (S1, S2).
import { expect, type Browser, type BrowserContext, type Request } from '@playwright/test';
import { fillBirthCertificate } from '../../test/e2e/support/app';
import { CuttableProxy } from '../../test/e2e/support/cuttable-proxy';
import type { Profile } from './profiles';
import { measure, newContext, type VisitFigures } from './visit';

const TIMEOUT_MS = 120_000;
/** Typed letter by letter into the search box on P3, as a person would. */
const SEARCH_QUERY = 'guvohnoma';
const KEY_DELAY_MS = 150;

const CACHE_BYTES_JS = `(async () => {
  let total = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) total += (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return total;
})()`;

export interface RepeatFigures {
  /** First visit, unthrottled, through the byte-counting link. */
  downUntilOffline: number; upUntilOffline: number; msUntilOffline: number; cacheStorage: number;
  offline: VisitFigures;
  /** Requests that left the phone during the offline start (S2: must be 0). */
  offlineStartRequests: number; offlineStartUrls: string[];
  saveMs: number;
  /** The app's own measure around validating and committing to the outbox (T6). */
  enqueueMs: number;
  /** Bytes down of the first visit by kind (body as sent plus headers), until usable offline. */
  firstVisitBytes: Record<string, number>;
  /** Back online: the outbox flush of the one saved application. */
  submissionPosts: number; upOnReconnect: number; downOnReconnect: number;
}

/** What a first-visit response is, for the byte breakdown of B3. */
export function kindOf(url: string, fromServiceWorkerScript: boolean): string {
  const path = new URL(url).pathname;
  if (path === '/sw.js') return 'service worker script';
  if (path.startsWith('/api/v1/catalogue')) return 'catalogue (all four languages)';
  if (path.startsWith('/api/')) return 'forms, SOATO list, other API';
  if (/\/assets\/[\w-]+\.json$/.test(path)) return 'strings of the language in use';
  if (path.endsWith('.js')) return fromServiceWorkerScript ? 'app JS fetched by the precache' : 'app JS fetched by the page';
  if (path === '/' || path.endsWith('.html')) return 'HTML';
  return 'icons, manifest, CSS';
}

/**
 * Counts what leaves the phone during an offline start: the service worker's own fetches, and the
 * page's requests not answered by the service worker once the new document has committed (the old
 * page, still busy on a throttled CPU, may send one on its way out). Call `committed` after the reload.
 */
function countNetworkRequests(context: BrowserContext) {
  const seen: Request[] = [];
  let committedAt = Infinity;
  const listener = (r: Request) => seen.push(r);
  context.on('request', listener);
  return {
    committed: () => { committedAt = seen.length; },
    done: async () => {
      context.off('request', listener);
      const left: string[] = [];
      for (const [i, r] of seen.entries()) {
        if (!r.serviceWorker() && i < committedAt) continue;
        if (!(await r.response().catch(() => null))?.fromServiceWorker()) left.push(`${r.method()} ${new URL(r.url()).pathname}`);
      }
      return left;
    },
  };
}

export async function repeatVisit(browser: Browser, serverPort: number, profile: Profile): Promise<RepeatFigures> {
  const link = new CuttableProxy(serverPort);
  const base = await link.start();
  const context: BrowserContext = await newContext(browser);
  try {
    const page = await context.newPage();
    const firstVisitBytes: Record<string, number> = {};
    const sizing: Array<Promise<void>> = [];
    const onFinished = (r: Request) => sizing.push((async () => {
      const response = await r.response();
      if (!response || response.fromServiceWorker()) return;
      const sizes = await r.sizes();
      const kind = kindOf(r.url(), Boolean(r.serviceWorker()));
      firstVisitBytes[kind] = (firstVisitBytes[kind] ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize;
    })().catch(() => undefined));
    context.on('requestfinished', onFinished);
    const started = Date.now();
    await page.goto(base);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT_MS });
    await page.waitForSelector('[data-testid="sync-status"][data-ready="true"]', { timeout: TIMEOUT_MS });
    const msUntilOffline = Date.now() - started;
    await page.waitForTimeout(500);
    const [downUntilOffline, upUntilOffline] = [link.bytesDown, link.bytesUp];
    const cacheStorage = (await page.evaluate(CACHE_BYTES_JS)) as number;
    context.off('requestfinished', onFinished);
    await Promise.all(sizing);
    // The browser fetches the service worker script itself and reports no body size for it: it is what
    // the link carried beyond everything else.
    delete firstVisitBytes['service worker script'];
    const rest = Object.values(firstVisitBytes).reduce((sum, n) => sum + n, 0);
    firstVisitBytes['service worker script (link total minus the rest)'] = downUntilOffline - rest;

    // P3: offline and a low-end CPU. Page-level network emulation is not mixed with setOffline (docs/toolchain.md).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    await context.setOffline(true);
    const startRequests = countNetworkRequests(context);
    await page.reload({ waitUntil: 'commit' });
    startRequests.committed();
    const offline = await measure(page, 'ready');
    const offlineStartUrls = await startRequests.done();
    await page.locator('#service-search').pressSequentially(SEARCH_QUERY, { delay: KEY_DELAY_MS });
    await page.waitForTimeout(1_000);
    const searches = (await page.evaluate(() => performance.getEntriesByName('xizmat:search').map((e) => e.duration)));

    await page.goto(`${base}/services/birth-certificate-copy`, { waitUntil: 'commit' });
    await page.waitForSelector('#field-applicantPinfl', { timeout: TIMEOUT_MS });
    await fillBirthCertificate(page);
    // Pressed through CDP and waited for with a check once a second: Playwright's locators and
    // assertions are script on the same throttled main thread and would be counted in the measure.
    const submit = page.getByRole('button', { name: 'Arizani yuborish' });
    await submit.scrollIntoViewIfNeeded();
    const box = (await submit.boundingBox())!;
    const saveStarted = Date.now();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => performance.getEntriesByName('xizmat:enqueue').length > 0, null, { polling: 1_000, timeout: TIMEOUT_MS });
    const saveMs = Date.now() - saveStarted;
    await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'queued', { timeout: TIMEOUT_MS });
    const enqueueMs = await page.evaluate(() => performance.getEntriesByName('xizmat:enqueue').at(-1)?.duration ?? NaN);

    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const [up0, down0] = [link.bytesUp, link.bytesDown];
    let submissionPosts = 0;
    context.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/v1/submissions')) submissionPosts++; });
    await context.setOffline(false);
    await expect(page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered', { timeout: TIMEOUT_MS });
    await page.waitForTimeout(500);
    return {
      downUntilOffline, upUntilOffline, msUntilOffline, cacheStorage,
      offline: { ...offline, searches, bytesDown: 0, requests: offlineStartUrls.length },
      offlineStartRequests: offlineStartUrls.length, offlineStartUrls, saveMs, enqueueMs, firstVisitBytes, submissionPosts,
      upOnReconnect: link.bytesUp - up0, downOnReconnect: link.bytesDown - down0,
    };
  } finally {
    await context.close();
    await link.stop();
  }
}
