import { wrap, type IDBPDatabase } from 'idb';
import { announceWrites } from './announce-writes';
import { DB_NAME, SCHEMA_VERSION, indexedDbVersion } from './schema';
import { SYNC_STORES, type SyncDb, type SyncQuery, type SyncStoreName, type SyncTable, type SyncTables, type SyncWriteTable, type SyncWriteTables } from './sync-db';

/** The service worker's connection: the port, and a way to let go of it when its event ends. */
export interface OpenSyncDb extends SyncDb {
  close(): void;
}

/** A transaction committed while its work still ran: it awaited something other than the database. */
export class PrematureCommitError extends Error {
  override name = 'PrematureCommitError';
}

/**
 * The service worker's way into the app's database: plain IndexedDB (through idb), not Dexie.
 * The page uses it too, with `olderSchema`, when its own upgrade of the database failed: the queue
 * stays reachable and is sent from the database as it is (docs/reliability.md, a failed upgrade).
 * The page's Dexie owns the schema and its migrations, so this never creates or upgrades the
 * database: null when it does not exist yet, is older than this build's schema or lacks a store
 * the port needs (then the page, which upgrades it, sends). A newer page that upgrades the schema
 * gets it at once: this connection closes, and what was running here fails and is done again later.
 */
export async function openSyncDb(factory: IDBFactory = indexedDB, options: { olderSchema?: boolean } = {}): Promise<OpenSyncDb | null> {
  const request = factory.open(DB_NAME);
  // open() without a version creates a database that does not exist: abort that creation.
  request.onupgradeneeded = () => request.transaction?.abort();
  const db = await wrap(request).catch(() => undefined);
  if (!db) return null;
  const has = (name: SyncStoreName) => db.objectStoreNames.contains(name);
  const usable = options.olderSchema
    ? FALLBACK_STORES.every(has)
    : db.version >= indexedDbVersion(SCHEMA_VERSION) && SYNC_STORES.every(has);
  if (!usable) {
    db.close();
    return null;
  }
  db.addEventListener('versionchange', () => db.close());
  return {
    ...(tables((name) => (has(name) ? readTable(() => db.transaction(name).objectStore(name)) : EMPTY_TABLE)) as SyncTables),
    transaction: (_mode, stores, work) => inTransaction(db, stores, work),
    close: () => db.close(),
  };
}

/**
 * What the page needs to send its queue from a database its upgrade failed on (`olderSchema`): the
 * outbox, the drafts a refusal reopens, the photos and the device key. A store an older schema
 * lacks holds nothing of this phone's yet (sealing, PIN locks and residents came with it), so it
 * reads as empty; a transaction over it fails whole, before anything is written.
 */
const FALLBACK_STORES: readonly SyncStoreName[] = ['outbox', 'drafts', 'blobs', 'meta'];

/**
 * One read-write transaction with strict durability (the outbox's state must be on disk when the
 * call returns, as the page's Dexie does it); `work`'s error aborts it, so nothing half-written stays.
 */
async function inTransaction<R>(db: IDBPDatabase, stores: readonly SyncStoreName[], work: (tx: SyncWriteTables) => Promise<R>): Promise<R> {
  const tx = db.transaction([...stores], 'readwrite', { durability: 'strict' });
  let ended = false;
  const done = tx.done.finally(() => { ended = true; });
  let result: R;
  try {
    result = await work(tables((name) => writeTable(() => tx.objectStore(name))) as SyncWriteTables);
  } catch (error) {
    if (!ended) try { tx.abort(); } catch { /* it ended meanwhile */ }
    await done.catch(() => undefined);
    throw error;
  }
  if (ended) {
    await done;
    throw new PrematureCommitError(`the transaction over ${stores.join(', ')} committed before its work ended: it awaited something other than the database`);
  }
  await done;
  announceWrites();
  return result;
}

function tables<T>(table: (name: SyncStoreName) => T): Record<SyncStoreName, T> {
  return Object.fromEntries(SYNC_STORES.map((name) => [name, table(name)])) as Record<SyncStoreName, T>;
}

/** What the port reads of an object store of idb's. */
interface ReadStore {
  get(key: string): Promise<unknown>;
  getAll(): Promise<unknown[]>;
  index(name: string): { getAll(key: string): Promise<unknown[]> };
}

function readTable<Row>(store: () => ReadStore): SyncTable<Row> {
  return {
    get: (key) => store().get(key) as Promise<Row | undefined>,
    bulkGet: (keys) => {
      const from = store();
      return Promise.all(keys.map((key) => from.get(key) as Promise<Row | undefined>));
    },
    where: (index) => ({
      anyOf: (values) => query(async () => {
        const from = store().index(index);
        // Strings sort as IndexedDB orders them (by UTF-16 code unit): the order Dexie gives.
        const each = await Promise.all([...new Set(values)].sort().map((value) => from.getAll(value)));
        return each.flat() as Row[];
      }),
    }),
    filter: (keep) => query(async () => (await store().getAll()) as Row[], keep),
  };
}

function writeTable<Row>(store: () => ReadStore & { put(row: unknown): Promise<unknown>; delete(key: string): Promise<void> }): SyncWriteTable<Row> {
  return { ...readTable<Row>(store), put: (row) => store().put(row), delete: (key) => store().delete(key) };
}

/** A store the database does not have, read as holding nothing. */
const EMPTY_TABLE: SyncTable<never> = {
  get: async () => undefined,
  bulkGet: async (keys) => keys.map(() => undefined),
  where: () => ({ anyOf: () => query(async () => []) }),
  filter: (keep) => query(async () => [], keep),
};

function query<Row>(rows: () => Promise<Row[]>, keep: (row: Row) => boolean = () => true): SyncQuery<Row> {
  const kept = async () => (await rows()).filter(keep);
  return {
    filter: (more) => query(rows, (row) => keep(row) && more(row)),
    toArray: kept,
    count: async () => (await kept()).length,
  };
}
