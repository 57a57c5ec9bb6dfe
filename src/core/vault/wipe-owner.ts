import { residentOwner } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';

const OPERATOR_PREFIX = 'operator:';

/**
 * Deletes an owner's lock and everything only its data key can read: the owner's drafts and
 * profile; for an operator also its residents, their drafts and profiles, and the operator's
 * refresh token and delegation key. One transaction, so a killed app never leaves half a wipe. Outbox items stay:
 * finalised applications are sealed to the server, nobody here can read them, and they still send.
 */
export async function wipeOwner(db: XizmatDb, owner: string): Promise<void> {
  await db.transaction('rw', [db.locks, db.drafts, db.profiles, db.residents, db.operators], async () => {
    const owners = [owner];
    if (owner.startsWith(OPERATOR_PREFIX)) {
      const operatorId = owner.slice(OPERATOR_PREFIX.length);
      const residents = await db.residents.where('operator').equals(operatorId).primaryKeys();
      owners.push(...residents.map(residentOwner));
      await db.residents.bulkDelete(residents);
      await db.operators.update(operatorId, { refresh: null, delegation: undefined });
    }
    await db.locks.delete(owner);
    await db.drafts.where('owner').anyOf(owners).delete();
    await db.profiles.bulkDelete(owners);
  });
}
