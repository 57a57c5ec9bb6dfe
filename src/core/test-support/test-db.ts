import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { XizmatDb } from '../db/xizmat-db';

/** A database on its own in-memory IndexedDB, so tests never see each other's rows. */
export function testDb(): XizmatDb {
  return new XizmatDb({ indexedDB: new IDBFactory(), IDBKeyRange });
}
