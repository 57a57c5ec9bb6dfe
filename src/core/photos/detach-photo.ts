import { parseAttachmentRef } from '../../contract/index';
import { draftAnswers } from '../drafts/draft-answers';
import { saveAnswer } from '../drafts/save-answer';
import type { XizmatDb } from '../db/xizmat-db';
import type { Vault } from '../vault/vault';
import { draftUsesPhoto } from './draft-uses-photo';

/**
 * Takes a photo or document off a draft's question, so the question asks for one again: the answer
 * is emptied (sealed like any answer under a PIN), the draft's list of photos forgets it, and its
 * bytes leave the phone unless another draft, another question of this one, or an upload still
 * waiting needs them.
 */
export async function detachPhoto(db: XizmatDb, draftId: string, field: string, vault: Vault | null): Promise<void> {
  const before = await db.drafts.get(draftId);
  if (!before) return;
  const answers = await draftAnswers(db, before, vault);
  const sha256 = parseAttachmentRef(answers[field]);
  await saveAnswer(db, draftId, field, '', vault);
  if (!sha256) return;
  const elsewhereInDraft = Object.entries(answers).some(([id, value]) => id !== field && value === answers[field]);
  await db.transaction('rw', db.drafts, db.outbox, db.blobs, async () => {
    const draft = await db.drafts.get(draftId);
    if (draft && !elsewhereInDraft && draft.photos?.includes(sha256)) {
      await db.drafts.put({ ...draft, photos: draft.photos.filter((p) => p !== sha256) });
    }
    const drafts = await db.drafts.toArray();
    const uploading = await db.outbox.filter((row) => row.attachments?.some((a) => a.sha256 === sha256 && !a.done) ?? false).count();
    if (uploading === 0 && !drafts.some((d) => draftUsesPhoto(d, sha256))) await db.blobs.delete(sha256);
  });
}
