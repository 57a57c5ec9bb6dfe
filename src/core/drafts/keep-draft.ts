import type { DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import type { Vault } from '../vault/vault';
import { storedAnswers } from './stored-answers';

/**
 * Stores a draft not yet on the phone (newDraft) with the answers it carries, sealed under the
 * owner's vault when there is one; one already stored under its id is left as it is. True when
 * this call stored it.
 */
export async function keepDraft(db: XizmatDb, draft: DraftRow, vault: Vault | null = null): Promise<boolean> {
  // Encrypted before the transaction: WebCrypto inside a Dexie transaction commits it early.
  const stored = await storedAnswers(draft.owner, draft.id, draft.answers, vault);
  const { id, owner, serviceId, formVersion, createdAt } = draft;
  return db.transaction('rw', db.drafts, async () => {
    if (await db.drafts.get(id)) return false;
    await db.drafts.add({ id, owner, serviceId, formVersion, ...stored, createdAt, updatedAt: new Date().toISOString() });
    return true;
  });
}
