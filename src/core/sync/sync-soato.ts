import type { SoatoList } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

/** WARNING: persistence key in the meta table. */
const SOATO_ETAG = 'soato.etag';

/** Brings the regions and districts list (SOATO) onto the phone, or confirms by ETag that it is current. */
export async function syncSoato(db: XizmatDb, doFetch: typeof fetch, base: string): Promise<void> {
  const known = (await db.meta.get(SOATO_ETAG))?.value;
  const stored = known === undefined ? undefined : await db.refs.get('soato');
  const response = await doFetch(`${base}/refs/soato`, { headers: typeof known === 'string' && stored ? { 'if-none-match': known } : {} });
  if (response.status === 304) return;
  if (!response.ok) throw new Error(`refs/soato: HTTP ${response.status}`);
  const soato = (await response.json()) as SoatoList;
  await db.transaction('rw', db.refs, db.meta, async () => {
    await db.refs.put({ id: 'soato', data: soato });
    await db.meta.put({ key: SOATO_ETAG, value: response.headers.get('etag') });
  });
}
