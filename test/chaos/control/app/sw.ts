// The control's service worker: Workbox background sync exactly as its docs' "basic usage" shows
// (developer.chrome.com/docs/workbox/modules/workbox-background-sync), the way most PWAs queue POSTs.
import { BackgroundSyncPlugin, type Queue } from 'workbox-background-sync';
import { clientsClaim } from 'workbox-core';
import { registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { QUEUE_NAME, SUBMISSIONS_PATH, SYNC_CHANNEL, UPLOADS_PATH, type SyncNote } from './control-api';

/** The few service-worker globals used here: the tests' tsconfig has the DOM lib, not WebWorker. */
declare const self: { skipWaiting(): Promise<void>; addEventListener(type: 'install', listener: () => void): void };

/** The docs' example value: retry for at most 24 hours (minutes). */
const MAX_RETENTION_MINUTES = 24 * 60;

const channel = new BroadcastChannel(SYNC_CHANNEL);

/**
 * Workbox's own default (`queue.replayRequests()`), plus a note to the test when each sync event
 * ends, so the harness can wait for it. Replay behaviour is unchanged.
 */
async function replayAndReport({ queue }: { queue: Queue }): Promise<void> {
  channel.postMessage({ type: 'sync-start' } satisfies SyncNote);
  try {
    await queue.replayRequests();
    channel.postMessage({ type: 'sync-end', ok: true } satisfies SyncNote);
  } catch (error) {
    channel.postMessage({ type: 'sync-end', ok: false } satisfies SyncNote);
    throw error;
  }
}

// POSTs of photos and applications: straight to the network; when the fetch throws, queue for a
// sync event. One queue, so a photo replays before the application that refers to it.
registerRoute(
  ({ url }) => url.pathname === SUBMISSIONS_PATH || url.pathname === UPLOADS_PATH,
  new NetworkOnly({ plugins: [new BackgroundSyncPlugin(QUEUE_NAME, { maxRetentionTime: MAX_RETENTION_MINUTES, onSync: replayAndReport })] }),
  'POST',
);

// Control the first page at once, so its first POST already goes through the queue.
self.addEventListener('install', () => void self.skipWaiting());
clientsClaim();
