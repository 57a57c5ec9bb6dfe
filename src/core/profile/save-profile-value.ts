import type { ProfileKey } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

/** Stores one detail of the owner's profile as it is typed; the row is made on the first one. */
export async function saveProfileValue(db: XizmatDb, owner: string, key: ProfileKey, value: string): Promise<void> {
  await db.transaction('rw', db.profiles, async () => {
    const row = await db.profiles.get(owner);
    await db.profiles.put({ owner, values: { ...row?.values, [key]: value }, updatedAt: new Date().toISOString() });
  });
}
