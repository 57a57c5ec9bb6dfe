import type { SoatoList } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { downloadForms } from './fetch-forms';
import { fetchSealKey } from './fetch-seal-key';
import { API_BASE, syncCatalogue } from './sync-catalogue';

export { API_BASE };
/** WARNING: persistence keys in the meta table. */
const SOATO_ETAG = 'soato.etag';
export const LAST_CONTENT_SYNC = 'content.syncedAt';

export interface ContentSyncOptions {
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
  await syncCatalogue(db, doFetch, base);
  await fetchSealKey(db, doFetch, options.baseUrl ?? '');
  const known = (await db.meta.get(SOATO_ETAG))?.value;
  const response = await doFetch(`${base}/refs/soato`, { headers: typeof known === 'string' ? { 'if-none-match': known } : {} });
  if (response.status !== 304) {
    if (!response.ok) throw new Error(`refs/soato: HTTP ${response.status}`);
    const soato = (await response.json()) as SoatoList;
    await db.transaction('rw', db.refs, db.meta, async () => {
      await db.refs.put({ id: 'soato', data: soato });
      await db.meta.put({ key: SOATO_ETAG, value: response.headers.get('etag') });
    });
  }
  const featured = await db.catalogue.filter((service) => service.featured).toArray();
  await downloadForms(db, featured, { fetch: doFetch, base });
  await db.meta.put({ key: LAST_CONTENT_SYNC, value: new Date().toISOString() });
}
