import { attachmentRef } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { sha256Hex } from './sha256-hex';

/**
 * Keeps a compressed photo on the phone under its hash and records it as the field's answer, in
 * one transaction: a draft never points at a photo that is not there.
 */
export async function storePhoto(db: XizmatDb, draftId: string, field: string, photo: Blob): Promise<string> {
  const sha256 = await sha256Hex(photo);
  const ref = attachmentRef(sha256);
  await db.transaction('rw', db.blobs, db.drafts, async () => {
    const draft = await db.drafts.get(draftId);
    if (!draft) throw new Error(`storePhoto: no draft ${draftId}`);
    await db.blobs.put({ sha256, blob: photo, type: photo.type || 'image/jpeg', size: photo.size, createdAt: new Date().toISOString() });
    const photos = draft.photos?.includes(sha256) ? draft.photos : [...(draft.photos ?? []), sha256];
    await db.drafts.put({ ...draft, answers: { ...draft.answers, [field]: ref }, photos, updatedAt: new Date().toISOString() });
  });
  return ref;
}
