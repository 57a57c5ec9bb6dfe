import type { BrowserContext, Request, Route } from '@playwright/test';

/** The real server's test-mode count of the requests that reached it (server/test-mode/request-tally.ts). */
const REQUESTS_URL = `http://127.0.0.1:${process.env.XIZMAT_E2E_PORT ?? '8181'}/api/v1/__test/requests`;

interface RequestTally {
  count: number;
  recent: string[];
}

async function serverTally(): Promise<RequestTally> {
  const response = await fetch(REQUESTS_URL);
  if (!response.ok) throw new Error(`the server's request tally answered ${response.status}: is it in test mode (XIZMAT_TEST_FAULTS=1)?`);
  return await response.json() as RequestTally;
}

/**
 * The service worker script's update check: Chromium's own network stack makes it on a navigation or
 * a reload, not the page or the worker's code, and no route or offline emulation of Playwright's
 * stops it (it reached the server in one run of three). It carries nothing of the person's. A test
 * that must stop even this goes through a CuttableProxy cut before the browser starts.
 */
const BROWSER_OWN = /^GET \/sw\.js(\?|$)/;

/** How long a request already on the wire when the network is cut may take to land. */
const IN_FLIGHT_TIMEOUT_MS = 10_000;
const IN_FLIGHT_POLL_MS = 25;

/** The requests of each watched browser (page and service worker) that have not finished yet. */
const inFlight = new WeakMap<BrowserContext, Set<Request>>();

/**
 * Keeps count of a browser's requests still on the wire, so that cutting its network can wait for
 * those sent just before the cut: they reach the server after it, and are not "sent while offline".
 * launchBrowser (support/app.ts) watches every browser it starts.
 */
export function watchRequests(context: BrowserContext): void {
  const open = new Set<Request>();
  inFlight.set(context, open);
  context.on('request', (request) => open.add(request));
  context.on('requestfinished', (request) => open.delete(request));
  context.on('requestfailed', (request) => open.delete(request));
}

async function landed(context: BrowserContext): Promise<void> {
  const open = inFlight.get(context);
  if (!open) throw new Error('cutNetwork needs a browser started by launchBrowser (support/app.ts), which watches its requests');
  const deadline = Date.now() + IN_FLIGHT_TIMEOUT_MS;
  while (open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS));
}

interface CutNetwork {
  /** Every URL the page or its service worker tried while the network was cut (none of them left). */
  attempts(): string[];
  /**
   * What reached the server since the cut, as the server counted it: `METHOD /path` each. Empty when
   * the phone was really offline. Counts every client, so call it while this browser is the only one.
   */
  reachedServer(): Promise<string[]>;
  /** Brings the network back for page and service worker alike. */
  restore(): Promise<void>;
}

/**
 * Cuts the network for the page and its service worker alike, as flight mode does. `context.setOffline`
 * alone does not stop the service worker's own requests in this Chromium (an "offline" application
 * was delivered at once), so a context route aborts every request, the service worker's included,
 * and records it; `setOffline` still runs so that the page sees `navigator.onLine` false as a phone
 * would. A browser restarted offline must also reach the server through a CuttableProxy cut before
 * it starts: its service worker can run before this route is in place (a status check was seen).
 */
export async function cutNetwork(context: BrowserContext): Promise<CutNetwork> {
  const tried: string[] = [];
  const abort = async (route: Route) => {
    tried.push(route.request().url());
    await route.abort('internetdisconnected');
  };
  // Any request after this point is aborted; what was already on the wire lands, then is counted.
  await context.route('**/*', abort);
  await context.setOffline(true);
  await landed(context);
  const before = await serverTally();
  return {
    attempts: () => [...tried],
    reachedServer: async () => {
      const now = await serverTally();
      const arrived = now.count - before.count;
      const arrivals = arrived === 0 ? [] : now.recent.slice(-Math.min(arrived, now.recent.length));
      return arrivals.filter((request) => !BROWSER_OWN.test(request));
    },
    restore: async () => {
      await context.unroute('**/*', abort);
      await context.setOffline(false);
    },
  };
}
