import type { Catalogue, FormDefinition, SoatoList } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

export const API_BASE = '/api/v1';
/** WARNING: persistence keys in the meta table. */
const CATALOGUE_ETAG = 'catalogue.etag';
const SOATO_ETAG = 'soato.etag';
export const LAST_CONTENT_SYNC = 'content.syncedAt';

export interface ContentSyncOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
}

/**
 * Brings the catalogue, the reference lists and each service's current form onto the device,
 * asking with ETags so an unchanged catalogue costs one small 304. Everything after this works
 * offline. Throws on network failure; the caller decides when to try again.
 */
export async function syncContent(db: XizmatDb, options: ContentSyncOptions = {}): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.baseUrl ?? ''}${API_BASE}`;
  const catalogue = await getIfChanged<Catalogue>(db, doFetch, `${base}/catalogue`, CATALOGUE_ETAG);
  if (catalogue) {
    await db.transaction('rw', db.catalogue, db.meta, async () => {
      await db.catalogue.clear();
      await db.catalogue.bulkPut(catalogue.body.services);
      await db.meta.put({ key: 'catalogue.categories', value: catalogue.body.categories });
      await db.meta.put({ key: CATALOGUE_ETAG, value: catalogue.etag });
    });
  }
  const soato = await getIfChanged<SoatoList>(db, doFetch, `${base}/refs/soato`, SOATO_ETAG);
  if (soato) {
    await db.transaction('rw', db.refs, db.meta, async () => {
      await db.refs.put({ id: 'soato', data: soato.body });
      await db.meta.put({ key: SOATO_ETAG, value: soato.etag });
    });
  }
  for (const service of await db.catalogue.toArray()) {
    if (await db.forms.get([service.id, service.formVersion])) continue;
    const response = await doFetch(`${base}/forms/${encodeURIComponent(service.id)}/${service.formVersion}`);
    if (!response.ok) throw new Error(`form ${service.id} v${service.formVersion}: HTTP ${response.status}`);
    await db.forms.put((await response.json()) as FormDefinition);
  }
  await db.meta.put({ key: LAST_CONTENT_SYNC, value: new Date().toISOString() });
}

async function getIfChanged<T>(
  db: XizmatDb, doFetch: typeof fetch, url: string, etagKey: string,
): Promise<{ body: T; etag: string | null } | null> {
  const known = (await db.meta.get(etagKey))?.value;
  const headers: Record<string, string> = typeof known === 'string' ? { 'if-none-match': known } : {};
  const response = await doFetch(url, { headers });
  if (response.status === 304) return null;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { body: (await response.json()) as T, etag: response.headers.get('etag') };
}
