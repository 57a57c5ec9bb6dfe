import { v7 as uuidv7 } from 'uuid';
import type { Answers } from '../../contract/index';
import { OWNER_SELF, type DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';

/**
 * Starts a draft for a service's current form, with the answers it begins with (a profile's
 * prefill). Its id, a UUIDv7, is made now and stays the application's idempotency key through
 * every retry, forever.
 */
export async function startDraft(
  db: XizmatDb, serviceId: string, formVersion: number, owner = OWNER_SELF, answers: Answers = {},
): Promise<DraftRow> {
  const now = new Date().toISOString();
  const draft: DraftRow = { id: uuidv7(), owner, serviceId, formVersion, answers, createdAt: now, updatedAt: now };
  await db.drafts.add(draft);
  return draft;
}
