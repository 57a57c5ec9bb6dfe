import {
  HANDOVER_FORMAT, HANDOVER_VERSION, SEALED_CODEC, itemDigest, sha256OfBytes, toBase64,
  type HandoverBlob, type HandoverFile, type HandoverItem,
} from '../../contract/index';
import type { OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { isExportable } from './exportable';

/** nothing: none of the chosen items may be handed over; photo_missing: a file to upload is not on this phone. */
export type ExportProblem = 'nothing' | 'photo_missing';

type ExportResult = { ok: true; text: string; count: number } | { ok: false; problem: ExportProblem };

/**
 * Writes the chosen sealed items of `owner` into a hand-over file, with the bytes of every photo
 * or document the server does not yet hold, and the name of the assistant saving it (`operatorName`,
 * shown to whoever takes the file). The items stay in this outbox, marked as handed over, and this
 * phone still sends them: the server takes each id once.
 */
export async function exportHandover(
  db: XizmatDb, ids: readonly string[], owner: string, now = new Date(), operatorName: string | null = null,
): Promise<ExportResult> {
  const rows = (await db.outbox.bulkGet([...ids])).filter((row): row is OutboxRow => row !== undefined && row.owner === owner && isExportable(row));
  if (rows.length === 0) return { ok: false, problem: 'nothing' };
  const items: HandoverItem[] = [];
  for (const row of rows) {
    const item = await toItem(db, row);
    if (!item) return { ok: false, problem: 'photo_missing' };
    items.push(item);
  }
  const file: HandoverFile = {
    format: HANDOVER_FORMAT, version: HANDOVER_VERSION, exportedAt: now.toISOString(), ...(operatorName ? { madeBy: { operatorName } } : {}), items,
  };
  const text = JSON.stringify(file);
  await db.transaction('rw', db.outbox, async () => {
    for (const row of rows) {
      const current = await db.outbox.get(row.id);
      if (current && isExportable(current)) await db.outbox.put({ ...current, handedOverAt: now.toISOString() });
    }
  });
  return { ok: true, text, count: items.length };
}

/** One outbox row as the file carries it; null when a file still to upload is missing. */
async function toItem(db: XizmatDb, row: OutboxRow): Promise<HandoverItem | null> {
  const body = row.payload!.body;
  const attachments = row.attachments ?? [];
  const blobs: HandoverBlob[] = [];
  for (const a of attachments) {
    if (a.done || blobs.some((b) => b.sha256 === a.sha256)) continue;
    const stored = await db.blobs.get(a.sha256);
    if (!stored) return null;
    const bytes = new Uint8Array(await stored.blob.arrayBuffer());
    // A sealed file travels sealed: the receiving phone checks it by its sealed bytes' hash.
    const sealed = stored.sealed ? { sealed: { keyId: stored.sealed.keyId, sha256: await sha256OfBytes(bytes) } } : {};
    blobs.push({ sha256: a.sha256, type: a.type, data: toBase64(bytes), ...sealed });
  }
  return {
    id: row.id,
    serviceId: row.serviceId,
    formVersion: row.formVersion,
    finalisedAt: row.finalisedAt,
    payload: { codec: SEALED_CODEC, body },
    digest: await itemDigest(row.id, body),
    attachments: attachments.map((a) => ({ field: a.field, sha256: a.sha256, size: a.size, type: a.type, held: a.done })),
    blobs,
    ...(row.delegation ? { delegation: row.delegation } : {}),
  };
}
