import { sealBytes, type SealKey } from '../../contract/index';
import type { BlobRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { draftUsesPhoto } from './draft-uses-photo';

/**
 * Sealed copies of a finalised application's photos and documents (docs/security.md), made before the
 * finalise's transaction: WebCrypto's promises would end an IndexedDB transaction early. A photo
 * already sealed or no longer on the phone is skipped.
 */
export async function sealPhotos(db: XizmatDb, sha256s: readonly string[], key: SealKey): Promise<BlobRow[]> {
  const sealed: BlobRow[] = [];
  for (const sha256 of new Set(sha256s)) {
    const row = await db.blobs.get(sha256);
    if (!row || row.sealed) continue;
    const bytes = await sealBytes(new Uint8Array(await row.blob.arrayBuffer()), key, sha256);
    sealed.push({ ...row, blob: new Blob([bytes]), sealed: { keyId: key.keyId, size: bytes.length } });
  }
  return sealed;
}

/**
 * Inside the finalise's transaction: each sealed copy takes the place of the readable one, unless
 * another draft may still show that photo (draftUsesPhoto) or it changed meanwhile.
 */
export async function keepSealed(db: XizmatDb, draftId: string, sealed: readonly BlobRow[]): Promise<void> {
  // Most applications have no photo: no need to read every other draft then.
  if (sealed.length === 0) return;
  const drafts = await db.drafts.filter((draft) => draft.id !== draftId).toArray();
  for (const row of sealed) {
    const current = await db.blobs.get(row.sha256);
    if (!current || current.sealed || current.createdAt !== row.createdAt) continue;
    if (drafts.some((draft) => draftUsesPhoto(draft, row.sha256))) continue;
    await db.blobs.put(row);
  }
}
