// Loaded after first paint with the store: the catalogue on the device, usage and form downloads.
import type { CatalogueCategory, ServiceEntry, ServicePage } from '../contract/index';
import type { UsageRow } from '../core/db/usage-records';
import type { XizmatDb } from '../core/db/xizmat-db';
import { downloadForms, missingForms, type DownloadProgress } from '../core/sync/fetch-forms';
import { fetchServicePage, keepServicePage, storedServicePage } from '../core/sync/fetch-service-page';
import { CATALOGUE_CATEGORIES } from '../core/sync/sync-catalogue';
import { CONTENT_SYNC_PROGRESS, LAST_CONTENT_SYNC, type ContentSyncProgress } from '../core/sync/sync-content';
import { db, watch } from './app-db';
import { currentOwner } from './session-signal';

/** Opening a service again within this time is the same use: passport then form counts once. */
const SAME_USE_MS = 10 * 60_000;

/** Live catalogue queries, on the page's one database connection. */
export { watch as watchCatalogue };

export const catalogueQueries = {
  services: (d: XizmatDb) => d.catalogue.toArray(),
  categories: (d: XizmatDb) => d.meta.get(CATALOGUE_CATEGORIES).then((row) => (row?.value as CatalogueCategory[] | undefined) ?? []),
  // null, not undefined, for "not on this device": undefined means still loading.
  service: (id: string) => (d: XizmatDb) => d.catalogue.get(id).then((row) => row ?? null),
  usage: (d: XizmatDb) => d.usage.where('owner').equals(currentOwner()).toArray(),
  lastSync: (d: XizmatDb) => d.meta.get(LAST_CONTENT_SYNC).then((row) => row?.value as string | undefined),
  /** The content sync under way or last failed; null when none is. */
  syncProgress: (d: XizmatDb) => d.meta.get(CONTENT_SYNC_PROGRESS).then((row) => (row?.value as ContentSyncProgress | undefined) ?? null),
  /** Ids of the services among `ids` whose current form is not on the device. */
  missingForms: (services: ServiceEntry[]) => (d: XizmatDb) => missingForms(d, services).then((list) => list.map((s) => s.id)),
};

/** Remembers that this person opened a service, for "recently used" and "most used". */
export async function recordUse(serviceId: string, now = new Date()): Promise<void> {
  await db.transaction('rw', db.usage, async () => {
    const key: [string, string] = [currentOwner(), serviceId];
    const row = await db.usage.get(key);
    const again = row && now.getTime() - Date.parse(row.lastUsedAt) < SAME_USE_MS;
    const next: UsageRow = { owner: currentOwner(), serviceId, count: (row?.count ?? 0) + (again ? 0 : 1), lastUsedAt: now.toISOString() };
    await db.usage.put(next);
  });
}

/** The service and its current form when both are on this phone; null otherwise. */
export function servicePage(serviceId: string): Promise<ServicePage | null> {
  return storedServicePage(db, serviceId);
}

/** One try at the service and its current form from the server (kept here); null when there is no such service. */
export function downloadServicePage(serviceId: string, signal?: AbortSignal): Promise<ServicePage | null> {
  return fetchServicePage(db, serviceId, { fetch: (input, init) => fetch(input, init), ...(signal ? { signal } : {}) });
}

/** Brings the service's current form onto the phone when it is not here and the network allows (one try). */
export async function fetchFormIfMissing(serviceId: string): Promise<void> {
  if (!navigator.onLine || (await storedServicePage(db, serviceId))) return;
  await downloadServicePage(serviceId).catch(() => undefined);
}

/** Keeps the service and form a server-rendered page came with, so the form works offline from now on. */
export function keepSeededPage(page: ServicePage): Promise<void> {
  return keepServicePage(db, page);
}

/** "Prepare for offline work": every missing form of `services`, with progress after each batch. */
export function downloadFormsFor(
  services: ServiceEntry[], onProgress: (progress: DownloadProgress) => void, signal?: AbortSignal,
): Promise<DownloadProgress> {
  return downloadForms(db, services, { fetch: (input, init) => fetch(input, init), onProgress, ...(signal ? { signal } : {}) });
}

export type { DownloadProgress };
