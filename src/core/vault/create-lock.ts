import { isPin } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { DATA_KEY_BYTES, importDataKey } from './import-data-key';
import { PIN_KDF_ITERATIONS } from './pin-key';
import { sealOwnerData } from './seal-owner-data';
import type { Vault } from './vault';
import { VaultError } from './vault-error';
import { wipeOwner } from './wipe-owner';
import { wrapDataKey } from './wrap-data-key';

interface CreateLockOptions {
  /**
   * Replace the owner's lock (a forgotten PIN): a new data key, so what the old one protected is
   * wiped. To keep the data and change the PIN, use changePin.
   */
  replace?: boolean;
  /** PBKDF2 iterations; tests pass a small number to stay fast. */
  iterations?: number;
}

/**
 * Protects an owner with a PIN: a new random data key, kept in a LockRow under the PIN key and the
 * device key, and returned unlocked. The owner's drafts and profile kept in clear until now are
 * encrypted under it.
 */
export async function createLock(db: XizmatDb, owner: string, pin: string, options: CreateLockOptions = {}): Promise<Vault> {
  if (!isPin(pin)) throw new VaultError('not_a_pin');
  if (!options.replace && await db.locks.get(owner)) throw new VaultError('lock_exists', owner);
  const raw = crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
  const material = await wrapDataKey(db, owner, raw, pin, options.iterations ?? PIN_KDF_ITERATIONS);
  const vault: Vault = { owner, key: await importDataKey(raw) };
  raw.fill(0);
  await db.transaction('rw', [db.locks, db.drafts, db.profiles, db.residents, db.operators], async () => {
    if (await db.locks.get(owner)) {
      if (!options.replace) throw new VaultError('lock_exists', owner);
      await wipeOwner(db, owner);
    }
    await db.locks.add({ owner, ...material, failedAttempts: 0, createdAt: new Date().toISOString() });
  });
  await sealOwnerData(db, vault);
  return vault;
}
