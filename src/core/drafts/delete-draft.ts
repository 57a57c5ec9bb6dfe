import type { DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { draftUsesPhoto } from '../photos/draft-uses-photo';
import { isDeletable } from './is-deletable';

/**
 * Deletes one of `owner`'s drafts, and the photos and files only it used, in one transaction.
 * Never touches the outbox: a finalised application is not a draft and cannot be deleted. False
 * when there is no such draft of this owner, or it may not be deleted.
 */
export async function deleteDraft(db: XizmatDb, id: string, owner: string): Promise<boolean> {
  return db.transaction('rw', db.drafts, db.outbox, db.blobs, async () => {
    const draft = await db.drafts.get(id);
    if (!draft || draft.owner !== owner || !isDeletable(draft) || (await db.outbox.get(id))) return false;
    await db.drafts.delete(id);
    const others = await db.drafts.toArray();
    const queued = await db.outbox.filter((row) => row.attachments?.some((a) => !a.done) ?? false).toArray();
    for (const sha256 of await db.blobs.toCollection().primaryKeys()) {
      if (!draftUsesPhoto(draft, sha256)) continue;
      const needed = others.some((d) => draftUsesPhoto(d, sha256)) || queued.some((row) => row.attachments!.some((a) => a.sha256 === sha256 && !a.done));
      if (!needed) await db.blobs.delete(sha256);
    }
    return true;
  });
}
