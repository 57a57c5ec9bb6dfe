import type { SearchKeys } from '../core/search/search-index';

/**
 * WARNING: persistence names. The app's database (DB_NAME in src/core/db/xizmat-db.ts), its `meta`
 * table and the row the folded search keys are kept under; a test checks they agree. The worker
 * reads and writes them with plain IndexedDB so that neither Dexie nor the page's main thread is
 * involved.
 */
export const APP_DB_NAME = 'xizmat';
export const META_STORE = 'meta';
export const SEARCH_KEYS_ROW = 'search.keys';

/** The keys kept by an earlier visit, or null (none, or the database cannot be opened now). */
export async function readKeptKeys(indexedDB: IDBFactory = self.indexedDB): Promise<SearchKeys | null> {
  const db = await openAppDb(indexedDB);
  if (!db) return null;
  try {
    const row = await request<{ value?: SearchKeys } | undefined>(db.transaction(META_STORE).objectStore(META_STORE).get(SEARCH_KEYS_ROW));
    return row?.value ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** Keeps freshly folded keys for the next visit; a failure only means folding again next time. */
export async function keepKeys(keys: SearchKeys, indexedDB: IDBFactory = self.indexedDB): Promise<void> {
  const db = await openAppDb(indexedDB);
  if (!db) return;
  try {
    const tx = db.transaction(META_STORE, 'readwrite');
    tx.objectStore(META_STORE).put({ key: SEARCH_KEYS_ROW, value: keys });
    await new Promise<void>((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error); });
  } catch {
    // The next visit folds again.
  } finally {
    db.close();
  }
}

/** Opens the app's database as it is (no version: never upgrades it); null if it has no meta table yet. */
async function openAppDb(indexedDB: IDBFactory): Promise<IDBDatabase | null> {
  try {
    const open = indexedDB.open(APP_DB_NAME);
    // A database that does not exist yet is created empty by open(): leave it to the app's schema.
    open.onupgradeneeded = () => open.transaction?.abort();
    const db = await request<IDBDatabase>(open);
    if (!db.objectStoreNames.contains(META_STORE)) {
      db.close();
      return null;
    }
    db.onversionchange = () => db.close();
    return db;
  } catch {
    return null;
  }
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
