import type { CitizenRecord } from '../db/records';
import type { SyncDb, SyncTables } from '../db/sync-db';

/** WARNING: persistence key of this phone's citizen sign-in in the meta store; renaming it signs every phone out. */
export const CITIZEN_META = 'citizen.key';

/** This phone's citizen sign-in, pending or signed in; null when there is none (or the row is not one). */
export async function readCitizen(db: Pick<SyncTables, 'meta'>): Promise<CitizenRecord | null> {
  const value = (await db.meta.get(CITIZEN_META))?.value as Partial<CitizenRecord> | undefined;
  return value && typeof value.keyId === 'string' && value.privateKey && (value.state === 'pending' || value.state === 'signed-in')
    ? value as CitizenRecord : null;
}

/** The citizen signed in on this phone, with the key that signs for them; null when nobody is. */
export async function signedInCitizen(db: Pick<SyncTables, 'meta'>): Promise<CitizenRecord | null> {
  const record = await readCitizen(db);
  return record?.state === 'signed-in' && record.session ? record : null;
}

/** Keeps the sign-in (one per phone: a new one replaces the one before). */
export async function keepCitizen(db: SyncDb, record: CitizenRecord): Promise<void> {
  await db.transaction('rw', ['meta'], async (tx) => { await tx.meta.put({ key: CITIZEN_META, value: record }); });
}

/**
 * Forgets the sign-in whose key is `keyId` (nothing of the key stays), unless another sign-in has
 * replaced it meanwhile. True when it was forgotten.
 */
export async function forgetCitizen(db: SyncDb, keyId: string): Promise<boolean> {
  return db.transaction('rw', ['meta'], async (tx) => {
    const current = (await tx.meta.get(CITIZEN_META))?.value as Partial<CitizenRecord> | undefined;
    if (current?.keyId !== keyId) return false;
    await tx.meta.delete(CITIZEN_META);
    return true;
  });
}
