// First contact: a form link (or the home page) opened on a phone that never ran Xizmat, against a
// static HTML copy of the same page (the floor), alternated in one run. What it reports: when the
// first field (the list, for home) is shown, how many bytes came down before it, and when the app
// has taken the page over; for the floor, when its DOM is complete.
import type { Browser, Page } from '@playwright/test';
import type { Profile } from './profiles';
import { PROBE_JS, throttle } from './visit';

/** A throttled 2G visit can take a minute; past this a visit counts as failed. */
const VISIT_TIMEOUT_MS = 180_000;
/** Time to let late paints land before reading the figures. */
const SETTLE_MS = 1_000;

/** One page of the first-contact run: the app's path, the floor's file, and what counts as shown. */
interface ContactPage { id: string; label: string; appPath: string; floorFile: string; goal: 'form' | 'list' }

export const CONTACT_PAGES: ContactPage[] = [
  { id: 'birth', label: 'form link: repeat birth certificate', appPath: '/services/birth-certificate-copy', floorFile: 'form.html', goal: 'form' },
  { id: 'passport', label: 'form link: family foreign travel passport', appPath: '/services/foreign-travel-passport', floorFile: 'form-passport.html', goal: 'form' },
  { id: 'home', label: 'home page: the list of services', appPath: '/', floorFile: 'index.html', goal: 'list' },
];

export interface ContactFigures {
  /** The first field (or the list) on screen: when it was in the document and painted. */
  shown: number;
  /** Bytes (headers and bodies as sent) of every response finished before it was shown. */
  bytesBeforeShown: number;
  /** The app took the page over (its mark); the floor: DOMContentLoaded. */
  inControl: number;
  bytesBeforeControl: number;
  requestsBeforeShown: number;
}

const COLLECT_JS = `((goal) => {
  const p = window.__bench;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const seen = p.seen[goal];
  const shown = Math.max(seen ?? NaN, fcp ? fcp.startTime : NaN);
  const mark = performance.getEntriesByName('xizmat:interactive')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const control = mark ? mark.startTime : nav.domContentLoadedEventEnd;
  const done = [nav, ...performance.getEntriesByType('resource')];
  const before = (t) => done.filter((e) => e.responseEnd <= t);
  const sum = (list) => list.reduce((n, e) => n + (e.transferSize || 0), 0);
  return { shown, bytesBeforeShown: sum(before(shown)), inControl: control, bytesBeforeControl: sum(before(control)), requestsBeforeShown: before(shown).length };
})`;

async function visit(browser: Browser, url: string, profile: Profile, goal: ContactPage['goal'], owner: 'app' | 'floor'): Promise<ContactFigures> {
  const context = await browser.newContext({ locale: 'uz-UZ', serviceWorkers: 'allow', bypassCSP: true });
  await context.addInitScript(PROBE_JS);
  try {
    const page: Page = await context.newPage();
    await throttle(context, page, profile);
    await page.goto(url, { waitUntil: 'commit', timeout: VISIT_TIMEOUT_MS });
    await page.waitForFunction(`window.__bench && '${goal}' in window.__bench.seen`, null, { timeout: VISIT_TIMEOUT_MS, polling: 100 });
    if (owner === 'app') await page.waitForFunction(`performance.getEntriesByName('xizmat:interactive').length > 0`, null, { timeout: VISIT_TIMEOUT_MS, polling: 100 });
    else await page.waitForLoadState('domcontentloaded');
    await page.waitForTimeout(SETTLE_MS);
    return (await page.evaluate(`${COLLECT_JS}('${goal}')`)) as ContactFigures;
  } finally {
    await context.close();
  }
}

/** `runs` rounds; in each, every page is opened by the app and then by its floor. */
export async function firstContact(
  browser: Browser, appUrl: string, floorUrl: string, profiles: Profile[], runs: number,
): Promise<Array<{ profile: Profile; runs: Record<string, ContactFigures[]> }>> {
  const results: Array<{ profile: Profile; runs: Record<string, ContactFigures[]> }> = [];
  for (const profile of profiles) {
    const byPage: Record<string, ContactFigures[]> = {};
    for (let i = 0; i < runs; i++) {
      for (const page of CONTACT_PAGES) {
        for (const [owner, url] of [['app', appUrl + page.appPath], ['floor', `${floorUrl}/${page.floorFile}`]] as const) {
          const figures = await visit(browser, url, profile, page.goal, owner)
            .catch((e: unknown) => { console.error(`${profile.id} ${owner} ${page.id}: ${String(e)}`); return null; });
          if (figures) (byPage[`${owner}:${page.id}`] ??= []).push(figures);
        }
      }
      console.log(`first contact ${profile.id} run ${i + 1}/${runs} done`);
    }
    results.push({ profile, runs: byPage });
  }
  return results;
}
