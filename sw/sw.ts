/// <reference lib="webworker" />
// The service worker reads like a table of contents: it wires handlers; logic lives in core.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openSyncDb, type OpenSyncDb } from '../src/core/db/open-sync-db';
import { flushOutbox } from '../src/core/outbox/flush-outbox';
import { pullStatuses } from '../src/core/status/pull-statuses';
import type { Notice } from '../src/core/status/status-notices';
import { APPLICATIONS_PATH, OUTBOX_SYNC_TAG, SKIP_WAITING_COMMAND, STATUS_SYNC_TAG, STRINGS_CACHE, isStringFile } from '../src/core/sw-commands';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

/** `SyncEvent` is missing from TypeScript's libs (docs/toolchain.md). */
interface SyncEvent extends ExtendableEvent { readonly tag: string; readonly lastChance: boolean }

// 1. The app shell, its scripts, styles and icons, from the build's list.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// 1b. The strings of the languages this phone uses (the page keeps them in STRINGS_CACHE): from the
//     cache first, as their names change with their content; a language not yet used comes from the network.
registerRoute(({ url }) => isStringFile(url), async ({ request }) => {
  const cache = await caches.open(STRINGS_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone()).catch(() => undefined);
  return response;
});

// 2. Any navigation (a deep link, a reload while offline) gets the shell; the API never does.
//    The back office is the server's own page, not the app's, and so is the stand-in OneID a
//    citizen's sign-in goes through in local runs and tests.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/stand-in-oneid/, /^\/back-office/] }));

// 3. The first version takes control at once so the first visit already works offline; later
//    versions wait until the person presses "Reload" (they may be typing).
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING_COMMAND.type) void self.skipWaiting();
});

// 4. Background Sync: send the outbox when the network returns, even with the app closed.
//    Rejecting makes the browser try again later while items are still waiting.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== OUTBOX_SYNC_TAG) return;
  sync.waitUntil(withDatabase(async (db) => {
    const report = await flushOutbox(db, { force: true });
    // With the app closed, this is when statuses come back: the network is here now.
    await pullStatuses(db, statusEffects()).catch(() => undefined);
    if (report.retrying > 0 || report.photosWaiting > 0) {
      throw new Error(`${report.retrying} application(s) and ${report.photosWaiting} photo(s) still waiting`);
    }
  }));
});

// 5. Periodic Background Sync (an installed app in Chromium): statuses while nothing is queued.
self.addEventListener('periodicsync', (event) => {
  const periodic = event as SyncEvent;
  if (periodic.tag !== STATUS_SYNC_TAG) return;
  periodic.waitUntil(withDatabase((db) => pullStatuses(db, statusEffects())).catch(() => undefined));
});

// 6. A status notification opens the person's applications, in an open window where there is one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows[0];
    if (open) {
      await open.navigate(APPLICATIONS_PATH).catch(() => undefined);
      await open.focus();
    } else {
      await self.clients.openWindow(APPLICATIONS_PATH);
    }
  })());
});

/**
 * The database for one wake-up, through plain IndexedDB (no Dexie here: docs/reliability.md).
 * Until the page has made or upgraded it to this version's schema there is none, and the page
 * sends; the rejection asks the browser to wake us again later.
 */
async function withDatabase(work: (db: OpenSyncDb) => Promise<unknown>): Promise<void> {
  const db = await openSyncDb();
  if (!db) throw new Error('the database is not at this version\'s schema yet: the page makes or upgrades it');
  try {
    await work(db);
  } finally {
    db.close();
  }
}

function statusEffects() {
  return {
    notify: async (notice: Notice) => {
      if (Notification.permission !== 'granted') return;
      await self.registration.showNotification(notice.title, { body: notice.body, tag: notice.tag, icon: '/icons/icon-192.png' });
    },
    badge: async (count: number) => {
      const nav = self.navigator as WorkerNavigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      await (count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.());
    },
  };
}
