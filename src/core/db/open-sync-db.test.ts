import { Dexie, liveQuery } from 'dexie';
import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushOutbox } from '../outbox/flush-outbox';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { queued, receiptServer } from '../test-support/queued-item';
import { testDb, testFactory } from '../test-support/test-db';
import type { OutboxRow } from './records';
import { openSyncDb, PrematureCommitError } from './open-sync-db';
import { DB_NAME, SCHEMA, SCHEMA_VERSION, indexedDbVersion } from './schema';
import { XizmatDb } from './xizmat-db';

afterEach(() => { vi.restoreAllMocks(); });

const CURRENT = SCHEMA[SCHEMA_VERSION as keyof typeof SCHEMA];

/** The database as the page of an older build left it: schema versions 1 to 4, one item queued. */
async function olderPageDb(indexedDB: IDBFactory): Promise<void> {
  const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
  for (const v of [1, 2, 3, 4] as const) old.version(v).stores(SCHEMA[v]);
  await old.open();
  await old.table('outbox').add(row('0193a0c2-2222-7000-8000-000000000002', 'queued'));
  old.close();
}

/** The page of the next build: one schema version up, with a store this build does not know. */
class NextVersionDb extends XizmatDb {
  constructor(indexedDB: IDBFactory) {
    super({ indexedDB, IDBKeyRange });
    this.version(SCHEMA_VERSION + 1).stores({ ...CURRENT, future: 'id' });
  }
}

function row(id: string, state: OutboxRow['state'], finalisedAt = '2026-11-30T08:00:00.000Z'): OutboxRow {
  return {
    id, owner: 'self', serviceId: 'birth-certificate-copy', formVersion: 1, state, payload: { codec: 'json-v1', body: JSON.stringify({ id }) },
    finalisedAt, attempts: 0, lastAttemptAt: null, nextAttemptAt: 0, receipt: null, problem: null,
  };
}

/** A server that keeps each id once, as the real one does, and answers a repeat with the stored receipt. */
function idempotentServer(stored: Set<string>): typeof fetch {
  const receipts = receiptServer();
  return async (url, init) => {
    for (const { id } of (JSON.parse(String(init?.body)) as { items: { id: string }[] }).items) stored.add(id);
    return receipts(url, init);
  };
}

describe('openSyncDb: the service worker never owns the schema', () => {
  it('does not create a database the page has not made yet, and the page then makes it as usual', async () => {
    const indexedDB = new IDBFactory();
    expect(await openSyncDb(indexedDB)).toBeNull();
    expect(await indexedDB.databases()).toEqual([]);
    const page = new XizmatDb({ indexedDB, IDBKeyRange });
    await page.open();
    expect(page.backendDB().version).toBe(indexedDbVersion(SCHEMA_VERSION));
    expect(await openSyncDb(indexedDB)).not.toBeNull();
  });

  it('leaves alone a database older than its build\'s schema (a new worker before the page upgraded): unchanged, and the page upgrades it with every row', async () => {
    const indexedDB = new IDBFactory();
    await olderPageDb(indexedDB);
    expect(await openSyncDb(indexedDB)).toBeNull();
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: indexedDbVersion(4) }]);
    const page = new XizmatDb({ indexedDB, IDBKeyRange });
    await page.open();
    expect(page.verno).toBe(SCHEMA_VERSION);
    expect((await page.outbox.toArray()).map((r) => r.state)).toEqual(['queued']);
    const stored = new Set<string>();
    const worker = await openSyncDb(indexedDB);
    expect(await flushOutbox(worker!, { fetch: idempotentServer(stored) })).toMatchObject({ ran: true, delivered: 1 });
  });

  it('opens, for the page whose upgrade failed (olderSchema), a database as an older build left it: the queue is sent from it, missing stores read empty, nothing upgraded', async () => {
    const indexedDB = new IDBFactory();
    await olderPageDb(indexedDB);
    const fallback = await openSyncDb(indexedDB, { olderSchema: true });
    expect(fallback).not.toBeNull();
    expect(await fallback!.keys.get('anything')).toBeUndefined();
    expect(await fallback!.residents.filter(() => true).count()).toBe(0);
    await expect(fallback!.transaction('rw', ['keys'], async () => undefined)).rejects.toThrow();
    const stored = new Set<string>();
    expect(await flushOutbox(fallback!, { fetch: idempotentServer(stored) })).toMatchObject({ ran: true, delivered: 1 });
    expect(stored).toEqual(new Set(['0193a0c2-2222-7000-8000-000000000002']));
    expect((await fallback!.outbox.get('0193a0c2-2222-7000-8000-000000000002'))?.state).toBe('delivered');
    fallback!.close();
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: indexedDbVersion(4) }]);
  });

  it('does not open, even for the page\'s fallback, a database without an outbox to send', async () => {
    const indexedDB = new IDBFactory();
    const bare = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
    bare.version(1).stores({ meta: 'key' });
    await bare.open();
    bare.close();
    expect(await openSyncDb(indexedDB, { olderSchema: true })).toBeNull();
  });

  it('leaves alone a database one version older even when it has every store (a migration that only rewrote rows)', async () => {
    const indexedDB = new IDBFactory();
    const previous = indexedDbVersion(SCHEMA_VERSION) - 1;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, previous);
      request.onupgradeneeded = () => { for (const name of Object.keys(CURRENT)) request.result.createObjectStore(name); };
      request.onsuccess = () => { request.result.close(); resolve(); };
      request.onerror = () => reject(request.error);
    });
    expect(await openSyncDb(indexedDB)).toBeNull();
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: previous }]);
  });

  it('lets a newer page upgrade at once in the middle of its flush, writes nothing past the upgrade, and the page then delivers the item once', async () => {
    const indexedDB = new IDBFactory();
    const page = new XizmatDb({ indexedDB, IDBKeyRange });
    const item = await queued(page);
    page.close();
    const worker = (await openSyncDb(indexedDB))!;
    const stored = new Set<string>();
    const server = idempotentServer(stored);
    let onTheWire = false;
    let answer = () => {};
    const answered = new Promise<void>((resolve) => { answer = resolve; });
    // The old worker's request is on the wire when the new version's page opens the database.
    const flushing = flushOutbox(worker, { fetch: async (url, init) => { onTheWire = true; await answered; return server(url, init); } });
    await vi.waitFor(() => expect(onTheWire).toBe(true));
    const next = new NextVersionDb(indexedDB);
    await next.open();
    expect(next.backendDB().objectStoreNames.contains('future')).toBe(true);
    expect((await next.outbox.get(item.id))?.state).toBe('sending');
    answer();
    await expect(flushing).rejects.toThrow();
    expect((await next.outbox.get(item.id))?.state).toBe('sending');
    // The next sender, here the new page, takes an item left sending as due; the server keeps it once.
    expect(await flushOutbox(next, { fetch: idempotentServer(stored) })).toMatchObject({ ran: true, delivered: 1 });
    expect([...stored]).toEqual([item.id]);
    // An older worker may still flush a newer database that has every store it needs.
    expect(await openSyncDb(indexedDB)).not.toBeNull();
  });

  it('tells the page\'s live queries what it wrote, on Dexie\'s own channel', async () => {
    const page = testDb();
    const item = await queued(page);
    // Live queries run only where Dexie finds an IndexedDB of its own, which Node lacks.
    const before = Dexie.dependencies.indexedDB;
    Dexie.dependencies.indexedDB = testFactory(page);
    const seen: (OutboxRow['state'] | undefined)[] = [];
    const watching = liveQuery(() => page.outbox.get(item.id)).subscribe((row) => { seen.push(row?.state); });
    try {
      await vi.waitFor(() => expect(seen).toEqual(['queued']));
      const worker = (await openSyncDb(testFactory(page)))!;
      await flushOutbox(worker, { fetch: receiptServer() });
      await vi.waitFor(() => expect(seen.at(-1)).toBe('delivered'));
    } finally {
      watching.unsubscribe();
      Dexie.dependencies.indexedDB = before;
    }
  });
});

describe.each(SYNC_SIDES)('the database from $side', ({ sync }) => {
  it('answers index queries, filters, counts and bulk reads as the page\'s Dexie does', async () => {
    const page = testDb();
    await page.outbox.bulkPut([row('c', 'sending'), row('a', 'queued'), row('d', 'delivered'), row('b', 'queued'), row('e', 'sending')]);
    const db = await sync(page);
    expect((await db.outbox.where('state').anyOf(['sending', 'queued', 'queued']).toArray()).map((r) => r.id)).toEqual(['a', 'b', 'c', 'e']);
    expect(await db.outbox.where('state').anyOf(['queued', 'sending']).filter((r) => r.id !== 'a').filter((r) => r.id !== 'e').count()).toBe(2);
    expect((await db.outbox.filter((r) => r.state !== 'queued').toArray()).map((r) => r.id)).toEqual(['c', 'd', 'e']);
    expect((await db.outbox.bulkGet(['d', 'x', 'a'])).map((r) => r?.id)).toEqual(['d', undefined, 'a']);
    await db.transaction('rw', ['outbox', 'meta'], async (tx) => {
      await tx.outbox.delete('d');
      await tx.meta.put({ key: 'k', value: 1 });
      expect(await tx.outbox.where('state').anyOf(['delivered']).count()).toBe(0);
    });
    expect(await page.outbox.get('d')).toBeUndefined();
    expect(await page.meta.get('k')).toEqual({ key: 'k', value: 1 });
  });

  it('writes every change with strict durability', async () => {
    // Before anything opens: Dexie binds the database's transaction() when it opens.
    const opened = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
    const page = testDb();
    await queued(page);
    const db = await sync(page);
    await flushOutbox(db, { fetch: receiptServer() });
    const writes = opened.mock.results.map((r) => r.value as IDBTransaction).filter((tx) => tx.mode === 'readwrite');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.map((tx) => tx.durability)).toEqual(writes.map(() => 'strict'));
  });

  it('rolls back a transaction whose work fails', async () => {
    const page = testDb();
    const db = await sync(page);
    await expect(db.transaction('rw', ['meta'], async (tx) => {
      await tx.meta.put({ key: 'half', value: 1 });
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await page.meta.get('half')).toBeUndefined();
  });

  it('fails a transaction whose work awaits something other than the database, instead of writing past its commit', async () => {
    const page = testDb();
    const db = await sync(page);
    const elsewhere = () => new Promise((resolve) => setTimeout(resolve, 5));
    await expect(db.transaction('rw', ['meta'], async (tx) => {
      await elsewhere();
      await tx.meta.put({ key: 'late', value: 1 });
    })).rejects.toThrow();
    expect(await page.meta.get('late')).toBeUndefined();
    await expect(db.transaction('rw', ['meta'], async (tx) => {
      await tx.meta.get('late');
      await elsewhere();
    })).rejects.toThrow(/commit/i);
  });
});

describe('PrematureCommitError', () => {
  it('is what the service worker\'s side throws when a transaction commits under its work', async () => {
    const page = testDb();
    await page.open();
    const worker = (await openSyncDb(testFactory(page)))!;
    await expect(worker.transaction('rw', ['meta'], async (tx) => {
      await tx.meta.get('x');
      await new Promise((resolve) => setTimeout(resolve, 5));
    })).rejects.toBeInstanceOf(PrematureCommitError);
  });
});
