import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../../server/storage/db-file';

/** Reads the real server's SQLite file: the ground truth for "delivered exactly once". */
export function storedSubmissions(): { id: string; number: string }[] {
  const dataDir = process.env.XIZMAT_E2E_DATA;
  if (!dataDir) throw new Error('XIZMAT_E2E_DATA is not set (run through playwright.config.ts)');
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, number FROM submissions ORDER BY seq').all() as { id: string; number: string }[];
  } finally {
    db.close();
  }
}

/** Reads any rows of the real server's database, e.g. feedback or an application's revision. */
export function serverRows<T>(sql: string, ...params: unknown[]): T[] {
  const dataDir = process.env.XIZMAT_E2E_DATA;
  if (!dataDir) throw new Error('XIZMAT_E2E_DATA is not set (run through playwright.config.ts)');
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
