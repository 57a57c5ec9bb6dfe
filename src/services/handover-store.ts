// Loaded on first use from the outbox screen's hand-over panel (docs/security.md): exports and imports of
// hand-over files. The page-side half; the format and its checks are in core/handover and the contract.
import { MAX_HANDOVER_CHARS, type HandoverProblem } from '../contract/index';
import { isQuotaError } from '../core/db/storage-error';
import { exportHandover, type ExportProblem } from '../core/handover/export-handover';
import { handoverFileName } from '../core/handover/exportable';
import { importHandover } from '../core/handover/import-handover';
import { db } from './app-db';
import { currentOwner } from './session-signal';
import { sendNow } from './store';
import { requestBackgroundSync } from './sw-bridge';

export type SaveResult = { ok: true; file: Blob; name: string; count: number } | { ok: false; problem: ExportProblem | 'storage_failed' };

/** The chosen items of whoever the app works for now, as a hand-over file to save or share. */
export async function saveHandover(ids: readonly string[], owner = currentOwner()): Promise<SaveResult> {
  try {
    const result = await exportHandover(db, ids, owner);
    if (!result.ok) return result;
    return { ok: true, file: new Blob([result.text], { type: 'application/json' }), name: handoverFileName(new Date(), result.count), count: result.count };
  } catch {
    return { ok: false, problem: 'storage_failed' };
  }
}

interface TakeResult {
  added: number;
  alreadyHere: number;
  problem?: HandoverProblem | 'storage_full' | 'storage_failed';
}

/**
 * Queues the applications of a hand-over file as those of whoever the app works for now (a
 * resident's, when an assistant takes them) and starts sending them if it can.
 */
export async function takeHandover(file: Blob, owner = currentOwner()): Promise<TakeResult> {
  // Refused before it is read: the whole file is read into memory.
  if (file.size > MAX_HANDOVER_CHARS) return { added: 0, alreadyHere: 0, problem: 'too_large' };
  try {
    const report = await importHandover(db, await file.text(), owner);
    if (report.added > 0) {
      void requestBackgroundSync();
      void sendNow();
    }
    return report;
  } catch (error) {
    return { added: 0, alreadyHere: 0, problem: isQuotaError(error) ? 'storage_full' : 'storage_failed' };
  }
}
