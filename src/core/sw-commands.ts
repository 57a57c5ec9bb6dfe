/**
 * Every message between the page and the service worker, in one place. Messages carry
 * commands only; state travels through IndexedDB (the database is the status channel).
 */

/** Sent by workbox-window's messageSkipWaiting() when the person chooses to reload. */
export const SKIP_WAITING_COMMAND = { type: 'SKIP_WAITING' } as const;

/** Background Sync tag; WARNING: registered tags persist in the browser, keep the name. */
export const OUTBOX_SYNC_TAG = 'xizmat-outbox';

/** Periodic Background Sync tag for statuses; WARNING: registered tags persist, keep the name. */
export const STATUS_SYNC_TAG = 'xizmat-statuses';

/** Where a status notification takes the person. */
export const APPLICATIONS_PATH = '/applications';

/**
 * WARNING: persistence name. The cache of the string files of the languages used on this phone:
 * not precached (each phone needs its own one or two of the four), kept here by the page once the
 * service worker is there, and served from here offline.
 */
export const STRINGS_CACHE = 'xizmat-strings';

/** Whether a request is for one of the app's string files (content-hashed JSON under /assets/). */
export function isStringFile(url: URL): boolean {
  return url.pathname.startsWith('/assets/') && url.pathname.endsWith('.json');
}
