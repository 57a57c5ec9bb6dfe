import type { XizmatDb } from '../db/xizmat-db';
import { downloadForms } from './fetch-forms';
import { fetchSealKey } from './fetch-seal-key';
import { API_BASE, syncCatalogue } from './sync-catalogue';
import { syncSoato } from './sync-soato';

export { API_BASE };
/** WARNING: persistence keys in the meta table. */
export const LAST_CONTENT_SYNC = 'content.syncedAt';
/** Where the content sync running now stands (ContentSyncProgress); the home screen shows it. */
export const CONTENT_SYNC_PROGRESS = 'content.progress';

/** The parts of a content sync, in order: the catalogue, the seal key, the regions list, popular forms. */
export const CONTENT_SYNC_STEPS = 4;

/** How far a content sync has come, as the home screen says it: "step 2 of 4". */
export interface ContentSyncProgress {
  done: number;
  total: number;
  /** The last try failed; the next one runs at `retryAt` (ISO time) or when the network returns. */
  failed?: boolean;
  retryAt?: string;
}

interface ContentSyncOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
}

/**
 * Brings the whole catalogue (every service's passport in all four languages, by delta since the
 * version on the device), the reference lists and the forms of featured services onto the device.
 * Other forms come on first open or with "prepare for offline work". Throws on network failure; the
 * caller decides when to try again.
 */
export async function syncContent(db: XizmatDb, options: ContentSyncOptions = {}): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.baseUrl ?? ''}${API_BASE}`;
  const progress = (done: number) => db.meta.put({ key: CONTENT_SYNC_PROGRESS, value: { done, total: CONTENT_SYNC_STEPS } satisfies ContentSyncProgress });
  await progress(0);
  await syncCatalogue(db, doFetch, base);
  await progress(1);
  await fetchSealKey(db, doFetch, options.baseUrl ?? '');
  await progress(2);
  await syncSoato(db, doFetch, base);
  await progress(3);
  const featured = await db.catalogue.filter((service) => service.featured).toArray();
  await downloadForms(db, featured, { fetch: doFetch, base });
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: LAST_CONTENT_SYNC, value: new Date().toISOString() });
    await db.meta.delete(CONTENT_SYNC_PROGRESS);
  });
}

/** Records that a content sync failed and when it runs again, for the home screen to say. */
export async function noteContentSyncFailed(db: XizmatDb, retryAt: Date): Promise<void> {
  const row = await db.meta.get(CONTENT_SYNC_PROGRESS);
  const last = (row?.value as ContentSyncProgress | undefined) ?? { done: 0, total: CONTENT_SYNC_STEPS };
  await db.meta.put({ key: CONTENT_SYNC_PROGRESS, value: { ...last, failed: true, retryAt: retryAt.toISOString() } satisfies ContentSyncProgress });
}
