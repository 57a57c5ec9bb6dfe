import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { payloadHash } from '../submissions/payload-hash';
import { validItem } from '../test-support/submission-fixtures';
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

describe('SqliteStorage', () => {
  it('creates, then replays the same receipt, then reports a conflict for another payload', async () => {
    const { storage } = await fileStorage();
    const item = validItem();
    const created = await storage.saveSubmission(item, payloadHash(item));
    expect(created).toEqual({ kind: 'created', receipt: { id: item.id, number: 'XZ-2026-000001', receivedAt: FIXED_NOW.toISOString() } });
    expect(await storage.saveSubmission(item, payloadHash(item))).toEqual({ ...created, kind: 'replayed' });
    expect(await storage.saveSubmission(item, 'another-hash')).toEqual({ kind: 'conflict' });
    expect(await storage.findReceipt(item.id)).toEqual({ receipt: created.kind === 'created' ? created.receipt : null, payloadHash: payloadHash(item) });
  });

  it('reports status by id and null for an unknown id', async () => {
    const { storage } = await fileStorage();
    const item = validItem();
    await storage.saveSubmission(item, payloadHash(item));
    expect(await storage.getStatus(item.id)).toEqual({
      id: item.id, number: 'XZ-2026-000001', serviceId: item.serviceId, status: 'received',
      receivedAt: FIXED_NOW.toISOString(), updatedAt: FIXED_NOW.toISOString(),
    });
    expect(await storage.getStatus(validItem().id)).toBeNull();
    expect(await storage.findReceipt(validItem().id)).toBeNull();
  });

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

  it('keeps one row when a second connection to the same file saves the same id', async () => {
    const { storage, file } = await fileStorage();
    const twin = new SqliteStorage(file, { now: () => FIXED_NOW });
    open.push(twin);
    const item = validItem();
    const results = await Promise.all([storage.saveSubmission(item, payloadHash(item)), twin.saveSubmission(item, payloadHash(item))]);
    expect(results.map((r) => r.kind).sort()).toEqual(['created', 'replayed']);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
