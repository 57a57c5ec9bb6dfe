import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../../server/storage/db-file';

/** `finalisedAt` is the phone's clock's note, kept as data; `receivedAt` is the server's own time. */
export interface StoredRow { id: string; number: string; receivedAt: string; finalisedAt: string; answers: Record<string, unknown> }

/** Every application in the real server's SQLite file, with its answers in key order; `dataDir` picks another server's. */
export function storedRows(dataDir = process.env.XIZMAT_E2E_DATA): StoredRow[] {
  if (!dataDir) throw new Error('XIZMAT_E2E_DATA is not set (run through playwright.config.ts)');
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, number, received_at, finalised_at, payload FROM submissions').all() as
      { id: string; number: string; received_at: string; finalised_at: string; payload: string }[];
    return rows.map((r) => {
      const answers = (JSON.parse(r.payload) as { answers: Record<string, unknown> }).answers;
      return { id: r.id, number: r.number, receivedAt: r.received_at, finalisedAt: r.finalised_at, answers: Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b))) };
    });
  } finally {
    db.close();
  }
}

/** Phones' reports to the server (device_events), newest last. */
export function storedDeviceEvents(): { deviceId: string; kind: string; unsentBefore: number }[] {
  const db = new Database(join(process.env.XIZMAT_E2E_DATA!, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT device_id, kind, unsent_before FROM device_events ORDER BY received_at').all() as { device_id: string; kind: string; unsent_before: number }[])
      .map((r) => ({ deviceId: r.device_id, kind: r.kind, unsentBefore: r.unsent_before }));
  } finally {
    db.close();
  }
}
