import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { XizmatDb } from '../db/xizmat-db';

const factories = new WeakMap<XizmatDb, IDBFactory>();

/** A database on its own in-memory IndexedDB, so tests never see each other's rows. */
export function testDb(): XizmatDb {
  const indexedDB = new IDBFactory();
  const db = new XizmatDb({ indexedDB, IDBKeyRange });
  factories.set(db, indexedDB);
  return db;
}

/** The in-memory IndexedDB a testDb lives in: where the service worker's side of a test opens it. */
export function testFactory(db: XizmatDb): IDBFactory {
  const indexedDB = factories.get(db);
  if (!indexedDB) throw new Error('not a testDb');
  return indexedDB;
}
