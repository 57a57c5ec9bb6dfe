import { v7 as uuidv7 } from 'uuid';
import type { Answers } from '../../contract/index';
import { OWNER_SELF, type DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import type { Vault } from '../vault/vault';
import { storedAnswers } from './stored-answers';

/**
 * Starts a draft for a service's current form, with the answers it begins with (a profile's
 * prefill). Its id, a UUIDv7, is made now and stays the application's idempotency key through
 * every retry, forever. With the owner's vault the answers are stored sealed; the draft returned
 * carries them in clear for the caller.
 */
export async function startDraft(
  db: XizmatDb, serviceId: string, formVersion: number, owner = OWNER_SELF, answers: Answers = {}, vault: Vault | null = null,
): Promise<DraftRow> {
  const now = new Date().toISOString();
  const id = uuidv7();
  const stored = await storedAnswers(owner, id, answers, vault);
  await db.drafts.add({ id, owner, serviceId, formVersion, ...stored, createdAt: now, updatedAt: now });
  return { id, owner, serviceId, formVersion, answers, createdAt: now, updatedAt: now };
}
