import type { DraftRow } from '../db/records';

/**
 * True for a draft its owner may delete: an application being written, nothing more. A draft that
 * corrects an application the server holds or sent back (it has an outbox item, findings, a
 * revision or answers sent back) is that application's only way back: it is corrected, not deleted.
 */
export function isDeletable(draft: DraftRow): boolean {
  return !draft.serverProblems?.length && draft.revision === undefined && draft.reopened === undefined && draft.returned === undefined;
}
