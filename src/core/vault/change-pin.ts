import { isPin } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { importDataKey } from './import-data-key';
import { openLock } from './open-lock';
import { PIN_KDF_ITERATIONS } from './pin-key';
import type { UnlockResult } from './unlock-vault';
import type { Vault } from './vault';
import { VaultError } from './vault-error';
import { wrapDataKey } from './wrap-data-key';

/**
 * Changes an owner's PIN and keeps the data: the SAME data key is rewrapped under the new PIN (a
 * fresh salt). It takes the old PIN, not an unlocked vault, because the vault's key is
 * non-extractable; a wrong old PIN counts and wipes like any other (this is no brute-force side door).
 */
export async function changePin(
  db: XizmatDb, owner: string, oldPin: string, newPin: string, iterations = PIN_KDF_ITERATIONS,
): Promise<UnlockResult> {
  if (!isPin(newPin)) throw new VaultError('not_a_pin');
  const opened = await openLock(db, owner, oldPin);
  if (!opened.ok) return opened;
  const material = await wrapDataKey(db, owner, opened.raw, newPin, iterations);
  const vault: Vault = { owner, key: await importDataKey(opened.raw) };
  opened.raw.fill(0);
  const changed = await db.transaction('rw', db.locks, async () => {
    const latest = await db.locks.get(owner);
    if (!latest || latest.wrapped.iv !== opened.lock.wrapped.iv) return false;
    await db.locks.put({ ...latest, ...material, failedAttempts: 0 });
    return true;
  });
  // The lock was changed or wiped between reading and writing (another tab): keep that outcome.
  if (!changed) throw new VaultError('lock_changed', owner);
  return { ok: true, vault };
}
