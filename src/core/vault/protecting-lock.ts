import { operatorOwner, residentOwner } from '../db/records';
import type { SyncTables } from '../db/sync-db';

const RESIDENT_PREFIX = residentOwner('');

/**
 * The owner whose PIN lock protects `owner`'s drafts and profile: the owner itself, or for a
 * resident the operator working for them; null when no PIN does (then they are kept in clear).
 */
export async function protectingLock(db: Pick<SyncTables, 'residents' | 'locks'>, owner: string): Promise<string | null> {
  let lockOwner = owner;
  if (owner.startsWith(RESIDENT_PREFIX)) {
    const resident = await db.residents.get(owner.slice(RESIDENT_PREFIX.length));
    if (!resident) return null;
    lockOwner = operatorOwner(resident.operator);
  }
  return (await db.locks.get(lockOwner)) ? lockOwner : null;
}
