import type { OutboxRow } from '../db/records';
import type { SyncDb } from '../db/sync-db';
import { draftUsesPhoto } from '../photos/draft-uses-photo';
import { deviceKey } from '../device/device-key';
import { uploadAttachment, type UploadOptions } from './upload-attachment';

/** States whose photos still travel: the application is on its way or already received. */
const UPLOADING_STATES: OutboxRow['state'][] = ['queued', 'sending', 'delivered'];

/**
 * Uploads the photos of outbox items, after the applications themselves have had their turn, so
 * the JSON never waits behind a photo. Progress is written to the item (the UI watches it); a
 * photo leaves the phone once the server holds it and nothing else still needs it.
 * Returns how many photos are still waiting.
 */
export async function uploadPending(db: SyncDb, options: Omit<UploadOptions, 'onProgress'> = {}): Promise<number> {
  const items = await db.outbox.where('state').anyOf(UPLOADING_STATES).filter((row) => row.attachments?.some((a) => !a.done) ?? false).toArray();
  let waiting = 0;
  const key = items.length > 0 ? await deviceKey(db) : undefined;
  for (const item of items) {
    for (const attachment of item.attachments!.filter((a) => !a.done)) {
      const stored = await db.blobs.get(attachment.sha256);
      if (!stored) { waiting++; continue; }
      // A sealed copy is sent as it is: progress counts its bytes, out of its own size.
      const sealedSize = stored.sealed?.size;
      const progress = (uploaded: number, done = false) => db.transaction('rw', ['outbox'], async (tx) => {
        const row = await tx.outbox.get(item.id);
        if (!row?.attachments) return;
        await tx.outbox.put({ ...row, attachments: row.attachments.map((a) => (a.sha256 === attachment.sha256 ? { ...a, uploaded, done, sealedSize } : a)) });
      });
      const result = await uploadAttachment(attachment, stored.blob, { ...options, deviceKey: key, sealed: sealedSize !== undefined, onProgress: (n) => progress(n) });
      if (result === 'done') {
        await progress(sealedSize ?? attachment.size, true);
        await dropIfUnused(db, attachment.sha256);
      } else {
        waiting++;
        if (result === 'retry') return waiting + countRest(items, item, attachment.sha256);
      }
    }
  }
  return waiting;
}

/** Photos not yet tried in this pass, counted so the caller knows to come back. */
function countRest(items: OutboxRow[], current: OutboxRow, sha256: string): number {
  let rest = 0;
  let after = false;
  for (const item of items) {
    for (const a of item.attachments ?? []) {
      if (after && !a.done) rest++;
      if (item === current && a.sha256 === sha256) after = true;
    }
  }
  return rest;
}

async function dropIfUnused(db: SyncDb, sha256: string): Promise<void> {
  await db.transaction('rw', ['blobs', 'outbox', 'drafts'], async (tx) => {
    const inOutbox = await tx.outbox.filter((row) => row.attachments?.some((a) => a.sha256 === sha256 && !a.done) ?? false).count();
    const inDrafts = await tx.drafts.filter((draft) => draftUsesPhoto(draft, sha256)).count();
    if (inOutbox === 0 && inDrafts === 0) await tx.blobs.delete(sha256);
  });
}
