import { attachmentRef, parseAttachmentRef } from '../../contract/index';
import { draftAnswers } from '../drafts/draft-answers';
import { saveAnswer } from '../drafts/save-answer';
import type { XizmatDb } from '../db/xizmat-db';
import type { Vault } from '../vault/vault';
import { draftUsesPhoto } from './draft-uses-photo';

/**
 * Takes a photo or document off a draft's question (Remove), so the question asks for one again:
 * the answer is emptied (sealed like any answer under a PIN) and the photo forgotten (forgetPhoto).
 */
export async function detachPhoto(db: XizmatDb, draftId: string, field: string, vault: Vault | null): Promise<void> {
  const before = await db.drafts.get(draftId);
  if (!before) return;
  const sha256 = parseAttachmentRef((await draftAnswers(db, before, vault))[field]);
  await saveAnswer(db, draftId, field, '', vault);
  if (sha256) await forgetPhoto(db, draftId, sha256, vault);
}

/**
 * After a photo left a question (removed, or replaced by another): unless another of the draft's
 * answers still points at it, the draft's list of photos forgets it, and its bytes leave the phone
 * unless another draft or an upload still waiting needs them.
 */
export async function forgetPhoto(db: XizmatDb, draftId: string, sha256: string, vault: Vault | null): Promise<void> {
  const ref = attachmentRef(sha256);
  const draft = await db.drafts.get(draftId);
  if (draft && Object.values(await draftAnswers(db, draft, vault)).includes(ref)) return;
  await db.transaction('rw', db.drafts, db.outbox, db.blobs, async () => {
    const latest = await db.drafts.get(draftId);
    // The clear answers are read again: a photo attached meanwhile is written there (storePhoto).
    if (latest?.photos?.includes(sha256) && !Object.values(latest.answers).includes(ref)) {
      await db.drafts.put({ ...latest, photos: latest.photos.filter((p) => p !== sha256) });
    }
    const drafts = await db.drafts.toArray();
    const uploading = await db.outbox.filter((row) => row.attachments?.some((a) => a.sha256 === sha256 && !a.done) ?? false).count();
    if (uploading === 0 && !drafts.some((d) => draftUsesPhoto(d, sha256))) await db.blobs.delete(sha256);
  });
}
