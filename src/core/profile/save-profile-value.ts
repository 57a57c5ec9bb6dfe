import type { ProfileKey } from '../../contract/index';
import type { ProfileRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { encryptJson } from '../vault/encrypt-json';
import { rowAad } from '../vault/row-aad';
import { serialised } from '../vault/serialised';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault-error';
import { profileValues } from './profile-values';

/** Tries before giving up when another context keeps changing the profile between read and write. */
const MAX_WRITE_TRIES = 5;

/**
 * Stores one detail of the owner's profile as it is typed; the row is made on the first one. With
 * the owner's vault the row is sealed (the same read, encrypt, check-and-write as saveAnswer);
 * without one a sealed profile is refused.
 */
export async function saveProfileValue(db: XizmatDb, owner: string, key: ProfileKey, value: string, vault: Vault | null = null): Promise<void> {
  if (!vault) {
    await db.transaction('rw', db.profiles, async () => {
      const row = await db.profiles.get(owner);
      if (row?.sealed) throw new VaultError('locked', owner);
      await db.profiles.put({ owner, values: { ...row?.values, [key]: value }, updatedAt: new Date().toISOString() });
    });
    return;
  }
  await serialised(`profile:${owner}`, async () => {
    for (let tries = 1; ; tries++) {
      const row = await db.profiles.get(owner);
      const sealed = await encryptJson(vault, { ...(await profileValues(row, vault)), [key]: value }, rowAad.profile(owner));
      const written = await db.transaction('rw', db.profiles, async () => {
        const latest = await db.profiles.get(owner);
        if (!sameValues(latest, row)) return false;
        await db.profiles.put({ owner, values: {}, sealed, updatedAt: new Date().toISOString() });
        return true;
      });
      if (written) return;
      if (tries >= MAX_WRITE_TRIES) throw new Error(`saveProfileValue: the profile of ${owner} kept changing`);
    }
  });
}

function sameValues(a: ProfileRow | undefined, b: ProfileRow | undefined): boolean {
  return a?.sealed?.iv === b?.sealed?.iv && JSON.stringify(a?.values) === JSON.stringify(b?.values);
}
