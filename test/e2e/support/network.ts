import type { BrowserContext } from '@playwright/test';

interface CutNetwork {
  /** Every URL the page or its service worker tried while the network was cut (none of them left). */
  attempts(): string[];
  /** Brings the network back for page and service worker alike. */
  restore(): Promise<void>;
}

/**
 * Cuts the network for the page and its service worker alike. `context.setOffline` alone does not
 * stop the service worker's own requests in this Chromium; a context route sees them and aborts
 * them, so nothing reaches the server, and each is recorded for the test to check.
 */
export async function cutNetwork(context: BrowserContext): Promise<CutNetwork> {
  const tried: string[] = [];
  const abort = async (route: import('@playwright/test').Route) => {
    tried.push(route.request().url());
    await route.abort('internetdisconnected');
  };
  await context.route('**/*', abort);
  await context.setOffline(true);
  return {
    attempts: () => [...tried],
    restore: async () => {
      await context.unroute('**/*', abort);
      await context.setOffline(false);
    },
  };
}
