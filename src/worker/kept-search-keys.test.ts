import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, XizmatDb } from '../core/db/xizmat-db';
import { SearchIndex } from '../core/search/search-index';
import { APP_DB_NAME, keepKeys, META_STORE, readKeptKeys, SEARCH_KEYS_ROW } from './kept-search-keys';

describe('kept search keys', () => {
  it('name the app database and its meta table as the app does', () => {
    expect(APP_DB_NAME).toBe(DB_NAME);
    expect(new XizmatDb({ indexedDB: new IDBFactory(), IDBKeyRange }).tables.map((t) => t.name)).toContain(META_STORE);
  });

  it('are kept in the app database and read back on the next visit', async () => {
    const indexedDB = new IDBFactory();
    const app = new XizmatDb({ indexedDB, IDBKeyRange });
    await app.open();
    const { keys } = new SearchIndex([{ id: 'a', terms: ['Oʻzbekiston'] }]);
    expect(await readKeptKeys(indexedDB)).toBeNull();
    await keepKeys(keys, indexedDB);
    expect(await readKeptKeys(indexedDB)).toEqual(keys);
    expect((await app.meta.get(SEARCH_KEYS_ROW))?.value).toEqual(keys);
  });

  it('never create the app database before the app does', async () => {
    const indexedDB = new IDBFactory();
    expect(await readKeptKeys(indexedDB)).toBeNull();
    const app = new XizmatDb({ indexedDB, IDBKeyRange });
    await app.open();
    expect(app.verno).toBeGreaterThanOrEqual(3);
  });
});
