import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from './sqlite-storage';

const FIXED_NOW = new Date('2026-04-10T06:00:00.000Z');
const open: SqliteStorage[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const storage of open.splice(0)) await storage.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function fileStorage(): Promise<{ storage: SqliteStorage; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-sqlite-'));
  dirs.push(dir);
  const file = join(dir, 'test.sqlite');
  const storage = new SqliteStorage(file, { now: () => FIXED_NOW });
  open.push(storage);
  return { storage, file };
}

// Behaviour shared with every adapter lives in storage-contract.ts; here only what is SQLite's own.
describe('SqliteStorage', () => {
  it('runs in WAL mode with synchronous=FULL, so a commit is durable before it is acknowledged', async () => {
    const { file } = await fileStorage();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    // synchronous is per connection: read it through the storage's own handle.
    const storage = open[0] as unknown as { db: Database.Database };
    expect(storage.db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
