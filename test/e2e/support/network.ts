import type { BrowserContext, Route } from '@playwright/test';

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
 * would. Cut before the first navigation of a restarted browser: nothing runs in it before then.
 */
export async function cutNetwork(context: BrowserContext): Promise<CutNetwork> {
  const tried: string[] = [];
  const abort = async (route: Route) => {
    tried.push(route.request().url());
    await route.abort('internetdisconnected');
  };
  const before = await serverTally();
  await context.route('**/*', abort);
  await context.setOffline(true);
  return {
    attempts: () => [...tried],
    reachedServer: async () => {
      const now = await serverTally();
      const arrived = now.count - before.count;
      return arrived === 0 ? [] : now.recent.slice(-Math.min(arrived, now.recent.length));
    },
    restore: async () => {
      await context.unroute('**/*', abort);
      await context.setOffline(false);
    },
  };
}
