import { Workbox } from 'workbox-window';
import { OUTBOX_SYNC_TAG, STATUS_SYNC_TAG, STRINGS_CACHE } from '../core/sw-commands';
import { allStringFileUrls, currentLocale, onLocaleChange, stringFileUrls } from './i18n';


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
  void keepStringsOffline();
  onLocaleChange(() => void keepStringsOffline());
}

/**
 * Keeps the string files of the language in use where the service worker serves them offline, and
 * drops those of earlier versions. The page fetched them already, so they come from its HTTP cache.
 */
async function keepStringsOffline(): Promise<void> {
  if (!('caches' in window)) return;
  try {
    await navigator.serviceWorker.ready;
    const cache = await caches.open(STRINGS_CACHE);
    const current = new Set(allStringFileUrls().map((url) => new URL(url, location.origin).href));
    for (const request of await cache.keys()) if (!current.has(request.url)) await cache.delete(request);
    const kept = new Set((await cache.keys()).map((request) => request.url));
    await cache.addAll(stringFileUrls(currentLocale()).filter((url) => !kept.has(new URL(url, location.origin).href)));
  } catch {
    // A full disk or a blocked cache: the language still works online and is tried again next time.
  }
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

/** How often an installed app may look for statuses with no page open (Chromium decides the real rate). */
const STATUS_PERIOD_MS = 12 * 60 * 60 * 1000;

/** The person's notification choice: 'default' until asked, 'unsupported' where there are none. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Asks for notifications; called only from the person's own tap (never on load), after they have
 * something to be told about. Granted, it also asks for periodic status checks where supported.
 */
export async function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const answer = await Notification.requestPermission();
  if (answer === 'granted') await requestStatusPeriodicSync();
  return answer;
}

/** Periodic Background Sync for statuses, where the browser offers it (an installed app in Chromium). */
async function requestStatusPeriodicSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
    periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
  };
  await registration.periodicSync?.register(STATUS_SYNC_TAG, { minInterval: STATUS_PERIOD_MS }).catch(() => undefined);
}

/** Shows a status notification through the service worker (works while the page is hidden). */
export async function showNotice(notice: { title: string; body: string; tag: string }): Promise<void> {
  if (notificationPermission() !== 'granted' || !('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  await registration.showNotification(notice.title, { body: notice.body, tag: notice.tag, icon: '/icons/icon-192.png' });
}

/** The app icon's badge, where the platform has one. */
export async function setBadge(count: number): Promise<void> {
  const nav = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  await (count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.())?.catch(() => undefined);
}
