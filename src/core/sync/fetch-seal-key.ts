import { AUTH_PATHS, isSealKey, type SealKey } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

/** WARNING: persistence key in the meta table: the server's public key finalised applications are sealed to. */
export const SEAL_KEY_META = 'sealKey';

/**
 * Brings the server's public seal key onto the phone with the content (docs/security.md), so applications
 * finalised offline are sealed at once. A server without the route (404) leaves what is kept.
 */
export async function fetchSealKey(db: XizmatDb, doFetch: typeof fetch, origin = ''): Promise<void> {
  const response = await doFetch(`${origin}${AUTH_PATHS.sealKey}`);
  if (response.status === 404) return;
  if (!response.ok) throw new Error(`seal-key: HTTP ${response.status}`);
  const key: unknown = await response.json();
  if (!isSealKey(key)) throw new Error('seal-key: not a P-256 public key');
  const kept = await sealKeyOf(db);
  if (kept?.keyId !== key.keyId || kept.publicKey.x !== key.publicKey.x) await db.meta.put({ key: SEAL_KEY_META, value: key });
}

/** The kept seal key, or null before the first sync. */
export async function sealKeyOf(db: XizmatDb): Promise<SealKey | null> {
  const value = (await db.meta.get(SEAL_KEY_META))?.value;
  return isSealKey(value) ? value : null;
}
