import { MAX_PIN_ATTEMPTS, fromBase64Url } from '../../contract/index';
import type { Ciphertext, LockRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { decryptBytes } from './aes-gcm';
import { deviceWrappingKey } from './device-wrapping-key';
import { pinKey } from './pin-key';
import { rowAad } from './row-aad';
import { wipeOwner } from './wipe-owner';

/** Why a PIN did not open a lock. */
export type LockRefusal =
  | { ok: false; reason: 'wrong_pin'; attemptsLeft: number }
  | { ok: false; reason: 'wiped' }
  | { ok: false; reason: 'no_lock' };

/**
 * The data key's bytes if `pin` opens the owner's lock. Every wrong PIN is counted in the database
 * before answering, so killing the app does not reset the count; the MAX_PIN_ATTEMPTS-th in a row
 * wipes the owner in the same transaction. A right PIN resets the count.
 */
export async function openLock(
  db: XizmatDb, owner: string, pin: string,
): Promise<{ ok: true; raw: Uint8Array<ArrayBuffer>; lock: LockRow } | LockRefusal> {
  const lock = await db.locks.get(owner);
  if (!lock) return { ok: false, reason: 'no_lock' };
  const aad = rowAad.lock(owner);
  let underPin: Ciphertext;
  try {
    underPin = JSON.parse(new TextDecoder().decode(await decryptBytes(await deviceWrappingKey(db), lock.wrapped, aad)));
  } catch {
    // The device key that wrapped this lock is gone (site data partly cleared) or the row was
    // altered: no PIN can ever open it again, so what it protected is wiped with it.
    await wipeOwner(db, owner);
    return { ok: false, reason: 'wiped' };
  }
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = await decryptBytes(await pinKey(pin, fromBase64Url(lock.salt), lock.iterations), underPin, aad);
  } catch {
    return countWrongPin(db, owner);
  }
  const stillThere = await db.transaction('rw', db.locks, async () => {
    const latest = await db.locks.get(owner);
    if (latest && latest.failedAttempts !== 0) await db.locks.put({ ...latest, failedAttempts: 0 });
    return latest !== undefined;
  });
  // Wiped by wrong PINs entered meanwhile elsewhere (another tab): the wipe stands.
  if (!stillThere) return { ok: false, reason: 'wiped' };
  return { ok: true, raw, lock };
}

async function countWrongPin(db: XizmatDb, owner: string): Promise<LockRefusal> {
  return db.transaction('rw', [db.locks, db.drafts, db.profiles, db.residents, db.operators], async (): Promise<LockRefusal> => {
    const latest = await db.locks.get(owner);
    if (!latest) return { ok: false, reason: 'wiped' };
    const failedAttempts = latest.failedAttempts + 1;
    if (failedAttempts >= MAX_PIN_ATTEMPTS) {
      await wipeOwner(db, owner);
      return { ok: false, reason: 'wiped' };
    }
    await db.locks.put({ ...latest, failedAttempts });
    return { ok: false, reason: 'wrong_pin', attemptsLeft: MAX_PIN_ATTEMPTS - failedAttempts };
  });
}
