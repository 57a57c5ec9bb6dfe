import type { SealedEnvelope } from '../../contract/index';
import { residentOwner, type DraftRow } from '../db/records';
import type { SyncTables } from '../db/sync-db';
import { openReply } from '../device/reply-key';
import { protectingLock } from '../vault/protecting-lock';

const RESIDENT_PREFIX = residentOwner('');

/**
 * Whether the owner of a returned application still has a place on this phone (a shared phone
 * forgets residents): a resident whose operator signed out or was wiped has none, and the server's
 * copy of their answers must not be written here for nobody to see.
 */
export async function ownerIsHere(db: Pick<SyncTables, 'residents'>, owner: string): Promise<boolean> {
  if (!owner.startsWith(RESIDENT_PREFIX)) return true;
  return (await db.residents.get(owner.slice(RESIDENT_PREFIX.length))) !== undefined;
}

/**
 * What a reopened draft keeps of answers the server sent back sealed to this phone's reply key:
 * for an owner whose data a PIN protects, the envelope as it came (the service worker has no PIN;
 * unlocking seals them under it, see sealOwnerData), else the answers opened. Null when they do not
 * open with this phone's key. Runs outside any transaction: WebCrypto would end it.
 */
export async function reopenedAnswers(
  db: Pick<SyncTables, 'keys' | 'residents' | 'locks'>, owner: string, id: string, sealed: SealedEnvelope,
): Promise<Pick<DraftRow, 'answers' | 'reopened'> | null> {
  const opened = await openReply(db, sealed, id);
  if (!opened) return null;
  return (await protectingLock(db, owner)) ? { answers: {}, reopened: sealed } : { answers: opened.answers };
}
