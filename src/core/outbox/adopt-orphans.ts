import { operatorOwner, residentOwner } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';

const RESIDENT_PREFIX = residentOwner('');

/**
 * Items an operator made for residents this phone no longer knows (wiped by sign-out or five wrong
 * PINs) and that are not delivered yet come back under the operator when it signs in again: what
 * still waits, or needs its signature again, is seen by the one who can act on it. Only items whose
 * proof names this operator. Returns how many.
 */
export async function adoptOrphans(db: XizmatDb, operatorId: string): Promise<number> {
  return db.transaction('rw', db.outbox, db.residents, async () => {
    const known = new Set((await db.residents.toCollection().primaryKeys()).map((id) => residentOwner(id)));
    return db.outbox
      .filter((row) => row.owner.startsWith(RESIDENT_PREFIX) && !known.has(row.owner) && row.state !== 'delivered' && row.delegation?.operatorId === operatorId)
      .modify({ owner: operatorOwner(operatorId) });
  });
}
