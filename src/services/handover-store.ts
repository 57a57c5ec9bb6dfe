// Loaded on first use from the outbox screen's hand-over panel (docs/security.md): exports and imports of
// hand-over files. The page-side half; the format and its checks are in core/handover and the contract.
import { MAX_HANDOVER_CHARS, parseHandoverFile, type HandoverProblem } from '../contract/index';
import { isQuotaError } from '../core/db/storage-error';
import { exportHandover, type ExportProblem } from '../core/handover/export-handover';
import { handoverFileName } from '../core/handover/exportable';
import { importHandover } from '../core/handover/import-handover';
import { summariseHandover, type HandoverSummary } from '../core/handover/summarise-handover';
import { db } from './app-db';
import { currentOwner, sessionView } from './session-signal';
import { sendNow } from './store';
import { requestBackgroundSync } from './sw-bridge';

export type SaveResult = { ok: true; file: Blob; name: string; count: number } | { ok: false; problem: ExportProblem | 'storage_failed' };

/** The chosen items of whoever the app works for now, as a hand-over file to save or share. */
export async function saveHandover(ids: readonly string[], owner = currentOwner()): Promise<SaveResult> {
  try {
    // An assistant's name goes with the file, so whoever takes it is told whose applications they carry.
    const result = await exportHandover(db, ids, owner, new Date(), sessionView().operatorName);
    if (!result.ok) return result;
    return { ok: true, file: new Blob([result.text], { type: 'application/json' }), name: handoverFileName(new Date(), result.count), count: result.count };
  } catch {
    return { ok: false, problem: 'storage_failed' };
  }
}

export type PreviewResult = { ok: true; summary: HandoverSummary } | { ok: false; problem: HandoverProblem | 'storage_failed' };

/** Reads and checks a hand-over file and says what it holds, taking nothing: the person confirms first. */
export async function previewHandover(file: Blob): Promise<PreviewResult> {
  if (file.size > MAX_HANDOVER_CHARS) return { ok: false, problem: 'too_large' };
  try {
    const parsed = await parseHandoverFile(await file.text());
    if (!parsed.ok) return parsed;
    const here = new Set(await db.outbox.where('id').anyOf(parsed.file.items.map((item) => item.id)).primaryKeys());
    return { ok: true, summary: summariseHandover(parsed.file, (id) => here.has(id)) };
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
 * Queues the applications of a hand-over file, carried for someone else, in the outbox of whoever
 * the app works for now, and starts sending them if it can.
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
