import type { FastifyInstance } from 'fastify';

/** The tests' own window on what reached the server; its requests are not counted. */
const TEST_PATH_PREFIX = '/api/v1/__test/';
export const REQUESTS_PATH = `${TEST_PATH_PREFIX}requests`;
/** Newest URLs kept for a failing test to name; the count goes on past it. */
const URLS_KEPT = 200;

export interface RequestTally {
  /** Requests that reached this server since it started, the tests' own excepted. */
  count: number;
  /** The newest of them, oldest first, as `METHOD /path`. */
  recent: string[];
}

/**
 * Counts every request that reaches the server, so an end-to-end test that says "offline" can
 * check that nothing arrived while the phone had no network: the browser's own offline emulation
 * does not stop a service worker's requests, and a test that trusts it proves nothing. Test mode
 * only (registered with the fault hooks).
 */
export function registerRequestTally(app: FastifyInstance): void {
  if (process.env.NODE_ENV === 'production') throw new Error('The request tally is never registered with NODE_ENV=production.');
  const tally: RequestTally = { count: 0, recent: [] };
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith(TEST_PATH_PREFIX)) return;
    tally.count++;
    tally.recent.push(`${request.method} ${request.url}`);
    if (tally.recent.length > URLS_KEPT) tally.recent.shift();
  });
  app.get(REQUESTS_PATH, async () => tally);
}
