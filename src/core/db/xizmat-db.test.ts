import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, indexedDbVersion } from './schema';
import { DB_NAME, SCHEMA, XizmatDb } from './xizmat-db';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/db-v1.json', import.meta.url), 'utf8'));
const fixtureV2 = JSON.parse(readFileSync(new URL('../../../test/fixtures/db-v2.json', import.meta.url), 'utf8'));

/** Writes the fixture through a database that knows only schema version 1, as the old app did. */
async function previousVersionDb(indexedDB: IDBFactory): Promise<void> {
  const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
  old.version(1).stores(SCHEMA[1]);
  await old.open();
  for (const table of ['catalogue', 'drafts', 'outbox', 'meta'] as const) await old.table(table).bulkAdd(fixture[table]);
  old.close();
}

/** Writes the version 2 fixture through a database that knows only schema versions 1 and 2. */
async function version2Db(indexedDB: IDBFactory): Promise<void> {
  const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
  old.version(1).stores(SCHEMA[1]);
  old.version(2).stores(SCHEMA[2]);
  await old.open();
  for (const table of ['catalogue', 'forms', 'drafts', 'outbox', 'refs', 'meta'] as const) await old.table(table).bulkAdd(fixtureV2[table]);
  old.close();
}

/** Writes the version 2 fixture, then usage and a photo, through a database that knows versions 1 to 3. */
async function version3Db(indexedDB: IDBFactory): Promise<void> {
  const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
  old.version(1).stores(SCHEMA[1]);
  old.version(2).stores(SCHEMA[2]);
  old.version(3).stores(SCHEMA[3]);
  await old.open();
  for (const table of ['catalogue', 'forms', 'drafts', 'outbox', 'refs', 'meta'] as const) await old.table(table).bulkAdd(fixtureV2[table]);
  await old.table('usage').add({ owner: 'self', serviceId: 'birth-certificate-copy', count: 3, lastUsedAt: '2026-11-02T00:00:00.000Z' });
  old.close();
}

/** Writes version 4 rows (drafts, outbox, statuses, profiles) through a database that knows versions 1 to 4. */
async function version4Db(indexedDB: IDBFactory): Promise<void> {
  const old = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
  for (const v of [1, 2, 3, 4] as const) old.version(v).stores(SCHEMA[v]);
  await old.open();
  for (const table of ['catalogue', 'forms', 'drafts', 'outbox', 'refs', 'meta'] as const) await old.table(table).bulkAdd(fixtureV2[table]);
  await old.table('usage').add({ owner: 'self', serviceId: 'birth-certificate-copy', count: 3, lastUsedAt: '2026-11-02T00:00:00.000Z' });
  await old.table('statuses').add({ id: '0193a0c2-2222-7000-8000-000000000002', owner: 'self', serviceId: 'birth-certificate-copy', status: 'in_progress', message: null, revision: 1, changedAt: '2026-11-03T00:00:00.000Z', number: 'XZ-2026-000001', unseen: true });
  await old.table('profiles').add({ owner: 'self', values: { lastName: 'Karimova' }, updatedAt: '2026-11-03T00:00:00.000Z' });
  old.close();
}

describe('XizmatDb migrations', () => {
  it('opens a version 4 database, keeps every row (drafts and profiles in clear, as before) and adds empty keys, locks, operators and residents', async () => {
    const indexedDB = new IDBFactory();
    await version4Db(indexedDB);
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.drafts.get('0193a0c2-1111-7000-8000-000000000001')).toMatchObject({ owner: 'self' });
    expect((await db.drafts.get('0193a0c2-1111-7000-8000-000000000001'))?.sealed).toBeUndefined();
    expect(await db.outbox.get('0193a0c2-2222-7000-8000-000000000002')).toMatchObject({ state: 'queued', attempts: 2 });
    expect(await db.usage.get(['self', 'birth-certificate-copy'])).toMatchObject({ count: 3 });
    expect(await db.statuses.get('0193a0c2-2222-7000-8000-000000000002')).toMatchObject({ status: 'in_progress', number: 'XZ-2026-000001' });
    expect(await db.profiles.get('self')).toMatchObject({ values: { lastName: 'Karimova' } });
    expect((await db.refs.get('soato'))?.data.version).toBe('x');
    for (const table of [db.keys, db.locks, db.operators, db.residents]) expect(await table.count()).toBe(0);
    await db.residents.add({ id: 'r1', operator: 'op1', sealed: { iv: 'a', ct: 'b' }, createdAt: '2026-11-30T00:00:00.000Z' });
    expect(await db.residents.where('operator').equals('op1').count()).toBe(1);
  });

  it('opens a version 3 database, keeps every row and adds empty statuses and profiles', async () => {
    const indexedDB = new IDBFactory();
    await version3Db(indexedDB);
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.outbox.get('0193a0c2-2222-7000-8000-000000000002')).toMatchObject({ state: 'queued', attempts: 2 });
    expect(await db.usage.get(['self', 'birth-certificate-copy'])).toMatchObject({ count: 3 });
    expect(await db.statuses.count()).toBe(0);
    expect(await db.profiles.count()).toBe(0);
  });

  it('opens a version 2 database, keeps every row and adds an empty usage table', async () => {
    const indexedDB = new IDBFactory();
    await version2Db(indexedDB);
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.catalogue.count()).toBe(1);
    expect(await db.forms.get(['birth-certificate-copy', 1])).toBeDefined();
    expect(await db.drafts.get('0193a0c2-1111-7000-8000-000000000001')).toMatchObject({ owner: 'self' });
    expect(await db.outbox.get('0193a0c2-2222-7000-8000-000000000002')).toMatchObject({ state: 'queued', attempts: 2 });
    expect((await db.refs.get('soato'))?.data.version).toBe('x');
    expect((await db.meta.get('catalogue.etag'))?.value).toBe('"abc"');
    expect(await db.usage.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    await db.usage.put({ owner: 'self', serviceId: 'birth-certificate-copy', count: 1, lastUsedAt: '2026-11-02T00:00:00.000Z' });
    expect(await db.usage.where('owner').equals('self').count()).toBe(1);
  });

  it('opens a version 1 database and keeps every row, giving each draft and outbox item its owner', async () => {
    const indexedDB = new IDBFactory();
    await previousVersionDb(indexedDB);
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.catalogue.count()).toBe(1);
    const draft = await db.drafts.get('0193a0c2-1111-7000-8000-000000000001');
    expect(draft).toMatchObject({ owner: 'self', answers: { lastName: 'Karimova' } });
    const item = await db.outbox.get('0193a0c2-2222-7000-8000-000000000002');
    expect(item).toMatchObject({ owner: 'self', state: 'queued', attempts: 2 });
    expect(item?.payload?.body).toContain('Karimov');
    expect(await db.outbox.where('owner').equals('self').count()).toBe(1);
    expect(await db.refs.count()).toBe(0);
    expect((await db.meta.get('catalogue.etag'))?.value).toBe('"abc"');
  });

  it('is at SCHEMA_VERSION, the last of SCHEMA, stored as the IndexedDB version the service worker expects', async () => {
    const indexedDB = new IDBFactory();
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    await db.open();
    expect(SCHEMA_VERSION).toBe(Math.max(...Object.keys(SCHEMA).map(Number)));
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.backendDB().version).toBe(indexedDbVersion(SCHEMA_VERSION));
  });

  it('creates the current schema on a fresh device', async () => {
    const db = new XizmatDb({ indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(['blobs', 'catalogue', 'drafts', 'forms', 'keys', 'locks', 'meta', 'operators', 'outbox', 'profiles', 'refs', 'residents', 'statuses', 'usage']);
  });
});
