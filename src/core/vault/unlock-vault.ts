import type { XizmatDb } from '../db/xizmat-db';
import { importDataKey } from './import-data-key';
import { openLock, type LockRefusal } from './open-lock';
import { PIN_KDF_ITERATIONS } from './pin-key';
import type { Vault } from './vault';
import { wrapDataKey } from './wrap-data-key';

export type UnlockResult = { ok: true; vault: Vault } | LockRefusal;

/**
 * Opens an owner's vault with the PIN. Wrong PINs are counted in the database and the
 * MAX_PIN_ATTEMPTS-th in a row wipes the owner ('wiped'). A lock made with fewer PBKDF2 iterations
 * than `iterations` (the current PIN_KDF_ITERATIONS) is rewrapped at the current count while the
 * PIN is at hand, so raising the constant reaches every phone at its next unlock.
 */
export async function unlockVault(db: XizmatDb, owner: string, pin: string, iterations = PIN_KDF_ITERATIONS): Promise<UnlockResult> {
  const opened = await openLock(db, owner, pin);
  if (!opened.ok) return opened;
  const vault: Vault = { owner, key: await importDataKey(opened.raw) };
  if (opened.lock.iterations < iterations) {
    const material = await wrapDataKey(db, owner, opened.raw, pin, iterations);
    await db.transaction('rw', db.locks, async () => {
      const latest = await db.locks.get(owner);
      // Only if nobody changed the lock meanwhile: a new PIN or data key must not be undone.
      if (latest && latest.wrapped.iv === opened.lock.wrapped.iv) await db.locks.put({ ...latest, ...material });
    });
  }
  opened.raw.fill(0);
  return { ok: true, vault };
}
