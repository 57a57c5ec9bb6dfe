/**
 * The channel on which Dexie in each context of the origin tells the others what it wrote, so that
 * their live queries run again: the page's screens watch the database that way (the database is
 * the status channel). WARNING: Dexie's own name (dexie 4); open-sync-db.test.ts checks that a
 * write through openSyncDb still reaches a live query of the page's Dexie.
 */
const DEXIE_MUTATIONS_CHANNEL = 'x-storagemutated-1';

/** Dexie's mark for "anything may have changed": every live query runs again (Dexie sends it itself on a page restored from the back-forward cache). */
const ANYTHING = { all: { d: 1, from: -Infinity, to: [[]] } };

/**
 * Tells the page's Dexie that the service worker wrote to the database, after the transaction
 * committed. Not which rows: a newer page may watch indexes this build does not know, and its few
 * live queries cost little to run again.
 */
export function announceWrites(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(DEXIE_MUTATIONS_CHANNEL);
  channel.postMessage(ANYTHING);
  channel.close();
}
