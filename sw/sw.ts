/// <reference lib="webworker" />
// The service worker reads like a table of contents: it wires handlers; logic lives in core.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { XizmatDb } from '../src/core/db/xizmat-db';
import { flushOutbox } from '../src/core/outbox/flush-outbox';
import { OUTBOX_SYNC_TAG, SKIP_WAITING_COMMAND } from '../src/core/sw-commands';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

/** `SyncEvent` is missing from TypeScript's libs (toolchain.md). */
interface SyncEvent extends ExtendableEvent { readonly tag: string; readonly lastChance: boolean }

// 1. The app shell, its scripts, styles, icons and every locale bundle, from the build's list.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// 2. Any navigation (a deep link, a reload while offline) gets the shell; the API never does.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

// 3. The first version takes control at once so the first visit already works offline; later
//    versions wait until the person presses "Reload" (they may be typing).
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING_COMMAND.type) void self.skipWaiting();
});

// 4. Background Sync: send the outbox when the network returns, even with the app closed.
//    Rejecting makes the browser try again later while items are still waiting.
let db: XizmatDb | null = null;
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== OUTBOX_SYNC_TAG) return;
  db ??= new XizmatDb();
  sync.waitUntil(
    flushOutbox(db, { force: true }).then((report) => {
      if (report.retrying > 0 || report.photosWaiting > 0) {
        throw new Error(`${report.retrying} application(s) and ${report.photosWaiting} photo(s) still waiting`);
      }
    }),
  );
});
