import { IDBCursor, IDBCursorWithValue, IDBDatabase, IDBIndex, IDBObjectStore, IDBOpenDBRequest, IDBRequest, IDBTransaction } from 'fake-indexeddb';
import { openSyncDb } from '../db/open-sync-db';
import type { SyncDb } from '../db/sync-db';
import type { XizmatDb } from '../db/xizmat-db';
import { testFactory } from './test-db';

// idb tells what it wraps by the browser's IndexedDB classes; in Node those are fake-indexeddb's.
Object.assign(globalThis, { IDBCursor, IDBCursorWithValue, IDBDatabase, IDBIndex, IDBObjectStore, IDBOpenDBRequest, IDBRequest, IDBTransaction });

/**
 * The two ways the code the service worker runs reaches a testDb's database: the page's Dexie as it
 * is, and the service worker's plain IndexedDB (openSyncDb) over the same database once the page
 * has made it. Tests of that code run on both (describe.each), so the two cannot drift apart.
 */
export const SYNC_SIDES: { side: string; sync: (db: XizmatDb) => Promise<SyncDb> }[] = [
  { side: 'the page (Dexie)', sync: async (db) => db },
  {
    side: 'the service worker (IndexedDB)',
    sync: async (db) => {
      await db.open();
      const port = await openSyncDb(testFactory(db));
      if (!port) throw new Error('the service worker could not open the page\'s database');
      return port;
    },
  },
];
