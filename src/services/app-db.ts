// Loaded after first paint: the page's one connection to the app's database, shared by every
// service module that reads or writes it.
import { liveQuery } from 'dexie';
import { XizmatDb } from '../core/db/xizmat-db';

export const db = new XizmatDb();

/** Calls `listener` with the query's result now and after every change to what it read, by anyone. */
export function watch<T>(query: (db: XizmatDb) => Promise<T>, listener: (value: T) => void): () => void {
  const subscription = liveQuery(() => query(db)).subscribe({ next: listener, error: () => undefined });
  return () => subscription.unsubscribe();
}
