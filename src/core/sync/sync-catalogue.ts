import type { CatalogueDelta } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

export const API_BASE = '/api/v1';
/** WARNING: persistence keys in the meta table; renaming one makes every phone download the catalogue again. */
const CATALOGUE_ETAG = 'catalogue.etag';
export const CATALOGUE_VERSION = 'catalogue.version';
const CATALOGUE_EPOCH = 'catalogue.epoch';
export const CATALOGUE_CATEGORIES = 'catalogue.categories';

type CatalogueSyncResult = 'unchanged' | 'updated' | 'replaced';

/**
 * Brings the device's catalogue up to the server's version in one request: the delta since the
 * version the device holds, or a 304 when nothing changed. A phone offline for months catches up the
 * same way; a removed service disappears; a device of another epoch gets everything again.
 */
export async function syncCatalogue(db: XizmatDb, doFetch: typeof fetch, base = API_BASE): Promise<CatalogueSyncResult> {
  const [etag, version, epoch] = await Promise.all([CATALOGUE_ETAG, CATALOGUE_VERSION, CATALOGUE_EPOCH].map((key) => db.meta.get(key)));
  const query = typeof version?.value === 'number' && typeof epoch?.value === 'string'
    ? `?since=${version.value}&epoch=${encodeURIComponent(epoch.value)}` : '';
  const headers: Record<string, string> = query && typeof etag?.value === 'string' ? { 'if-none-match': etag.value } : {};
  const response = await doFetch(`${base}/catalogue/changes${query}`, { headers });
  if (response.status === 304) return 'unchanged';
  if (!response.ok) throw new Error(`catalogue changes: HTTP ${response.status}`);
  const delta = (await response.json()) as CatalogueDelta;
  await applyDelta(db, delta, response.headers.get('etag'));
  return delta.reset ? 'replaced' : 'updated';
}

/** Applies a delta in one transaction: the device never holds half of two versions. */
async function applyDelta(db: XizmatDb, delta: CatalogueDelta, etag: string | null): Promise<void> {
  await db.transaction('rw', db.catalogue, db.meta, async () => {
    if (delta.reset) await db.catalogue.clear();
    await db.catalogue.bulkDelete(delta.removed);
    await db.catalogue.bulkPut(delta.services);
    if (delta.categories) await db.meta.put({ key: CATALOGUE_CATEGORIES, value: delta.categories });
    await db.meta.bulkPut([
      { key: CATALOGUE_VERSION, value: delta.version },
      { key: CATALOGUE_EPOCH, value: delta.epoch },
      { key: CATALOGUE_ETAG, value: etag },
    ]);
  });
}
