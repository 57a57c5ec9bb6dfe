/**
 * Every message between the page and the service worker, in one place. Messages carry
 * commands only; state travels through IndexedDB (the database is the status channel).
 */

/** Sent by workbox-window's messageSkipWaiting() when the person chooses to reload. */
export const SKIP_WAITING_COMMAND = { type: 'SKIP_WAITING' } as const;

/** Background Sync tag; WARNING: registered tags persist in the browser, keep the name. */
export const OUTBOX_SYNC_TAG = 'xizmat-outbox';

export type SwCommand = typeof SKIP_WAITING_COMMAND;

/** Periodic Background Sync tag for statuses (issue 9); WARNING: registered tags persist, keep the name. */
export const STATUS_SYNC_TAG = 'xizmat-statuses';

/** Where a status notification takes the person. */
export const APPLICATIONS_PATH = '/applications';
