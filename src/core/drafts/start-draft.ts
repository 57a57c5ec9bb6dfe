import { v7 as uuidv7 } from 'uuid';
import type { Answers } from '../../contract/index';
import { OWNER_SELF, type DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import type { Vault } from '../vault/vault';
import { keepDraft } from './keep-draft';

/**
 * A draft for a service's current form, with the answers it begins with (a profile's prefill), not
 * yet stored: it is kept at the first answer (keepDraft), so a form opened and left leaves nothing.
 * Its id, a UUIDv7, is made now and stays the application's idempotency key through every retry.
 */
export function newDraft(serviceId: string, formVersion: number, owner = OWNER_SELF, answers: Answers = {}): DraftRow {
  const now = new Date().toISOString();
  return { id: uuidv7(), owner, serviceId, formVersion, answers, createdAt: now, updatedAt: now };
}

/**
 * Starts and stores a draft at once (a draft made in code rather than typed). With the owner's
 * vault the answers are stored sealed; the draft returned carries them in clear for the caller.
 */
export async function startDraft(
  db: XizmatDb, serviceId: string, formVersion: number, owner = OWNER_SELF, answers: Answers = {}, vault: Vault | null = null,
): Promise<DraftRow> {
  const draft = newDraft(serviceId, formVersion, owner, answers);
  await keepDraft(db, draft, vault);
  return draft;
}
