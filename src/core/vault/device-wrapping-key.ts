import type { XizmatDb } from '../db/xizmat-db';
import { AES_GCM_256 } from './aes-gcm';

/** WARNING: persisted key of the row in db.keys; renaming it makes every lock on the phone unreadable. */
const DEVICE_KEY_ID = 'device';

/**
 * This phone's wrapping key: AES-256-GCM, non-extractable, made once and kept in db.keys
 * (IndexedDB stores a CryptoKey by structured clone and keeps it non-extractable). Locks are
 * encrypted under it, so a copied-out database is useless without this browser profile.
 */
export async function deviceWrappingKey(db: XizmatDb): Promise<CryptoKey> {
  const stored = await db.keys.get(DEVICE_KEY_ID);
  if (stored) return stored.key;
  // Generated before the transaction: awaiting WebCrypto inside a Dexie transaction commits it early.
  const fresh = await crypto.subtle.generateKey(AES_GCM_256, false, ['encrypt', 'decrypt']);
  return db.transaction('rw', db.keys, async () => {
    // Two callers at once: the first to write wins and both return its key.
    const winner = await db.keys.get(DEVICE_KEY_ID);
    if (winner) return winner.key;
    await db.keys.add({ id: DEVICE_KEY_ID, key: fresh, createdAt: new Date().toISOString() });
    return fresh;
  });
}
