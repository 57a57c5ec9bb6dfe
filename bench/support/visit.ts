// One measured page load in a fresh browser context: paint and input timings from the page itself,
// bytes from CDP (page-level; the service worker's own fetches are not in them).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Profile } from './profiles';

/** What the page must show before a visit counts as done: the home screen's data, or the form. */
export type Goal = 'ready' | 'form';
/** The mark src/main.tsx sets once the first screen answers input. */
const INTERACTIVE_MARK = 'xizmat:interactive';
/** A throttled 2G visit can take a minute; past this it counts as failed. */
const VISIT_TIMEOUT_MS = 180_000;
/** Time to let late paints and long tasks land before reading them, wall clock. */
const SETTLE_MS = 1_000;

/** Installed before any page script: records LCP, long tasks and when watched elements appear. */
export const PROBE_JS = `(() => {
  const probe = window.__bench = { lcp: 0, longTasks: [], seen: {} };
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) probe.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true }); } catch {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) probe.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}
  const watch = { search: '#service-search', ready: '[data-testid="sync-status"][data-ready="true"]', form: '#field-applicantPinfl', list: '[data-testid="categories"] a' };
  const check = () => { for (const [k, sel] of Object.entries(watch)) if (!(k in probe.seen) && document.querySelector(sel)) probe.seen[k] = performance.now(); };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
})()`;

const COLLECT_JS = `(() => {
  const p = window.__bench;
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const mark = performance.getEntriesByName('${INTERACTIVE_MARK}')[0];
  return { fcp: fcp ? fcp.startTime : NaN, lcp: p.lcp || NaN, mark: mark ? mark.startTime : NaN,
    dcl: nav ? nav.domContentLoadedEventEnd : NaN, seen: p.seen, longTasks: p.longTasks,
    searches: performance.getEntriesByName('xizmat:search').map((e) => e.duration) };
})()`;

interface Collected { fcp: number; lcp: number; mark: number; dcl: number; seen: Record<string, number>; longTasks: Array<[number, number]>; searches: number[] }

export interface VisitFigures {
  fcp: number; lcp: number;
  /** The app's mark, or DOMContentLoaded for a page without scripts. */
  interactive: number;
  /** When the goal appeared (home: the catalogue on the device; form: its first field). */
  goal: number;
  /** Total blocking time after first paint: long tasks' time beyond 50 ms each. */
  tbt: number;
  bytesDown: number; requests: number; searches: number[];
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'uz-UZ', serviceWorkers: 'allow', bypassCSP: true });
  await context.addInitScript(PROBE_JS);
  return context;
}

export async function throttle(context: BrowserContext, page: Page, profile: Profile) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytesDown = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => { bytesDown += e.encodedDataLength; });
  cdp.on('Network.requestWillBeSent', () => { requests++; });
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  return { bytes: () => ({ bytesDown, requests }) };
}

/** Waits for the goal and the interactive point, lets the page settle and reads its figures. */
export async function measure(page: Page, goal: Goal): Promise<Omit<VisitFigures, 'bytesDown' | 'requests'>> {
  await page.waitForFunction(`window.__bench && '${goal}' in window.__bench.seen`, null, { timeout: VISIT_TIMEOUT_MS, polling: 100 });
  await page.waitForFunction(`performance.getEntriesByName('${INTERACTIVE_MARK}').length > 0 || !document.querySelector('script[type=module]') && document.readyState !== 'loading'`, null, { timeout: VISIT_TIMEOUT_MS, polling: 100 });
  await page.waitForTimeout(SETTLE_MS);
  const c = (await page.evaluate(COLLECT_JS)) as Collected;
  const interactive = Number.isNaN(c.mark) ? c.dcl : c.mark;
  const tbt = c.longTasks.filter(([start]) => start >= c.fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  return { fcp: c.fcp, lcp: c.lcp, interactive, goal: c.seen[goal] ?? NaN, tbt, searches: c.searches };
}

/** A first visit in a fresh profile on one profile's network and CPU. */
export async function firstVisit(browser: Browser, url: string, profile: Profile, goal: Goal): Promise<VisitFigures> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const counter = await throttle(context, page, profile);
    await page.goto(url, { waitUntil: 'commit', timeout: VISIT_TIMEOUT_MS });
    const figures = await measure(page, goal);
    return { ...figures, ...counter.bytes() };
  } finally {
    await context.close();
  }
}
