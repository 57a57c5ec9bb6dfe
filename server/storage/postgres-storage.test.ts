import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { payloadHash } from '../submissions/payload-hash';
import { testDatabase, type TestDatabase } from '../test-support/postgres-test-database';
import { validItem } from '../test-support/submission-fixtures';
import { STATUS_LOCK_KEY } from './postgres-engine';
import { PostgresStorage } from './postgres-storage';
import type { SaveResult } from './storage';

/** Tries after the connections are dropped: the first may meet a connection the pool has not yet seen die. */
const ATTEMPTS_AFTER_DROP = 3;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fresh(): Promise<{ storage: PostgresStorage; database: TestDatabase }> {
  const database = await testDatabase();
  cleanup.push(database.drop);
  const storage = await PostgresStorage.open(database.url, { poolSize: 2 });
  cleanup.push(() => storage.close());
  return { storage, database };
}

/** What a restart or failover does to the instances' connections. */
async function dropConnections(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgresStorage', () => {
  it('keeps serving after PostgreSQL drops every connection, as on a restart or failover', async () => {
    const { storage, database } = await fresh();
    const before = validItem();
    await storage.saveSubmission(before, payloadHash(before));
    expect(await dropConnections(database.url)).toBeGreaterThan(0);

    const after = validItem();
    let saved: SaveResult | null = null;
    // A failure answers 500 and the phone sends again; what matters is that the pool heals.
    for (let attempt = 0; attempt < ATTEMPTS_AFTER_DROP && !saved; attempt++) {
      saved = await storage.saveSubmission(after, payloadHash(after)).catch(() => null);
    }
    expect(saved?.kind).toBe('created');
    const third = validItem();
    expect((await storage.saveSubmission(third, payloadHash(third))).kind).toBe('created');
    expect(await storage.findReceipt(before.id)).not.toBeNull();
  });

  it('fails a request whose connection dies mid-transaction, and the next one gets a fresh connection', async () => {
    const { storage, database } = await fresh();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    cleanup.push(() => admin.end());
    // Held by "another instance's move": the read below waits inside its transaction.
    await admin.query('SELECT pg_advisory_lock($1)', [STATUS_LOCK_KEY]);
    const waiting = storage.statusChanges('a'.repeat(64), 0, 10);
    await expect.poll(async () => (await admin.query(
      "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )).rows[0].n).toBe('1');
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    await expect(waiting).rejects.toThrow(/terminat/);
    await admin.query('SELECT pg_advisory_unlock($1)', [STATUS_LOCK_KEY]);
    expect(await storage.statusChanges('a'.repeat(64), 0, 10)).toEqual({ changes: [], cursor: 0, more: false });
    const item = validItem();
    expect((await storage.saveSubmission(item, payloadHash(item))).kind).toBe('created');
  });

  it('refuses to open when the server cannot be reached, and says so', async () => {
    await expect(PostgresStorage.open('postgres://xizmat@127.0.0.1:1/none')).rejects.toThrow(/ECONNREFUSED/);
  });
});
