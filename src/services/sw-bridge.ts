import { Workbox } from 'workbox-window';
import { OUTBOX_SYNC_TAG } from '../core/sw-commands';


let workbox: Workbox | null = null;
const updateListeners = new Set<() => void>();
let updateReady = false;

/**
 * The only module that talks to the service worker. Registers it, and when a new version is
 * waiting tells the UI, which offers a reload; it never reloads on its own.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || workbox) return;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => {
    updateReady = true;
    updateListeners.forEach((listener) => listener());
  });
  void workbox.register();
}

export function onUpdateReady(listener: () => void): () => void {
  updateListeners.add(listener);
  if (updateReady) listener();
  return () => updateListeners.delete(listener);
}

/**
 * Activates the waiting version and reloads once it controls the page. `beforeReload` lets the
 * caller finish writing a draft first.
 */
export async function applyUpdate(beforeReload: () => Promise<void>): Promise<void> {
  if (!workbox) return;
  await beforeReload();
  workbox.addEventListener('controlling', () => window.location.reload());
  // Sends SKIP_WAITING_COMMAND (core/sw-commands) to the waiting worker.
  workbox.messageSkipWaiting();
}

/** Asks the browser to wake the service worker when the network returns, even with the tab closed. */
export async function requestBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
    sync?: { register(tag: string): Promise<void> };
  };
  await registration.sync?.register(OUTBOX_SYNC_TAG).catch(() => undefined);
}
