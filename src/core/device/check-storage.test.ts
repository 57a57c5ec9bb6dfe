import { describe, expect, it } from 'vitest';
import { testDb } from '../test-support/test-db';
import { CANARY_KEY, EVICTION_META, checkStorage, noteUnsent, reportEviction, type CanaryStore, type EvictionRecord } from './check-storage';

function memoryCanary(): CanaryStore & { value: string | null } {
  return { value: null, get() { return this.value; }, set(v) { this.value = v; } };
}

describe('checkStorage', () => {
  it('treats a first start as a fresh install, not an eviction', async () => {
    const db = testDb();
    const canary = memoryCanary();
    await checkStorage(db, canary);
    expect(await db.meta.get(EVICTION_META)).toBeUndefined();
    expect(canary.value).toContain('"unsent":0');
  });

  it('keeps its device id across starts', async () => {
    const db = testDb();
    const canary = memoryCanary();
    expect(await checkStorage(db, canary)).toBe(await checkStorage(db, canary));
  });

  it('notices that the database was deleted under a canary and records how much was lost', async () => {
    const canary = memoryCanary();
    const first = await checkStorage(testDb(), canary);
    noteUnsent(canary, first, 4);
    const evictedDb = testDb();
    const second = await checkStorage(evictedDb, canary);
    expect(second).not.toBe(first);
    const record = (await evictedDb.meta.get(EVICTION_META))?.value as EvictionRecord;
    expect(record.event).toMatchObject({ deviceId: first, kind: 'storage_evicted', unsentBefore: 4 });
    expect(record.reported).toBe(false);
  });

  it('reports the eviction to the server until it is accepted, then never again', async () => {
    const canary = memoryCanary();
    noteUnsent(canary, await checkStorage(testDb(), canary), 2);
    const db = testDb();
    await checkStorage(db, canary);
    const sent: unknown[] = [];
    await reportEviction(db, { fetch: async () => { throw new TypeError('offline'); } });
    await reportEviction(db, { fetch: async (_u, init) => { sent.push(JSON.parse(String(init?.body))); return new Response('{}', { status: 202 }); } });
    await reportEviction(db, { fetch: async (_u, init) => { sent.push(JSON.parse(String(init?.body))); return new Response('{}', { status: 202 }); } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'storage_evicted', unsentBefore: 2 });
  });

  it('uses a stable canary name', () => expect(CANARY_KEY).toBe('xizmat.canary'));
});
