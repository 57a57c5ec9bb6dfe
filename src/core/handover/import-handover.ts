import { fromBase64, parseHandoverFile, type HandoverItem, type HandoverProblem } from '../../contract/index';
import type { BlobRow, OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';

/** What an import did: items queued, items this phone already had, or why the file was refused. */
interface ImportReport {
  added: number;
  alreadyHere: number;
  problem?: HandoverProblem;
}

/**
 * Queues the items of a hand-over file under `owner` (whoever took the file), marked as carried for
 * someone else, to be sent by this phone. An item already
 * here (imported before, or this phone's own) is left as it is, so importing twice is harmless.
 * The file is checked whole first and written in one transaction: all of it or nothing.
 */
export async function importHandover(db: XizmatDb, text: string, owner: string, now = new Date()): Promise<ImportReport> {
  const parsed = await parseHandoverFile(text);
  if (!parsed.ok) return { added: 0, alreadyHere: 0, problem: parsed.problem };
  // Rows and Blobs are made before the transaction: only IndexedDB work may happen inside it.
  const prepared = parsed.file.items.map((item) => ({ row: toRow(item, owner, now), blobs: toBlobs(item, now) }));
  return db.transaction('rw', db.outbox, db.blobs, async () => {
    const report: ImportReport = { added: 0, alreadyHere: 0 };
    for (const { row, blobs } of prepared) {
      if (await db.outbox.get(row.id)) {
        report.alreadyHere++;
        continue;
      }
      await db.outbox.add(row);
      for (const blob of blobs) if (!(await db.blobs.get(blob.sha256))) await db.blobs.add(blob);
      report.added++;
    }
    return report;
  });
}

function toRow(item: HandoverItem, owner: string, now: Date): OutboxRow {
  return {
    id: item.id,
    owner,
    serviceId: item.serviceId,
    formVersion: item.formVersion,
    state: 'queued',
    payload: item.payload,
    finalisedAt: item.finalisedAt,
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: now.getTime(),
    receipt: null,
    problem: null,
    attachments: item.attachments.map((a) => ({ field: a.field, sha256: a.sha256, size: a.size, type: a.type, uploaded: a.held ? a.size : 0, done: a.held })),
    ...(item.delegation ? { delegation: item.delegation } : {}),
    carried: true,
  };
}

function toBlobs(item: HandoverItem, now: Date): BlobRow[] {
  // parseHandoverFile checked each one's base64 and SHA-256 (a sealed one's, of its sealed bytes).
  // A sealed one is kept sealed as it came; its readable size is its attachment's.
  return item.blobs.map((b) => {
    const bytes = fromBase64(b.data)!;
    const size = item.attachments.find((a) => a.sha256 === b.sha256)!.size;
    const sealed = b.sealed ? { sealed: { keyId: b.sealed.keyId, size: bytes.length } } : {};
    return { sha256: b.sha256, blob: new Blob([bytes], { type: b.type }), type: b.type, size, createdAt: now.toISOString(), ...sealed };
  });
}
