import { attachmentRef } from '../../contract/index';
import type { DraftRow } from '../db/records';

/**
 * Whether a draft may still show this photo: its readable answers point at it, or its list of
 * attached photos names it. A PIN-sealed draft from before that list existed may use any photo.
 */
export function draftUsesPhoto(draft: DraftRow, sha256: string): boolean {
  if (draft.photos?.includes(sha256)) return true;
  if (draft.sealed !== undefined && draft.photos === undefined) return true;
  return Object.values(draft.answers).includes(attachmentRef(sha256));
}
