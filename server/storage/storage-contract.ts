import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceEvent, ServiceEntry } from '../../src/contract/index';
import { payloadHash } from '../submissions/payload-hash';
import { catalogue, service, text } from '../test-support/catalogue-fixtures';
import { newId, validItem } from '../test-support/submission-fixtures';
import type { Storage } from './storage';

/** One adapter's fresh, empty database, as the contract tests need it. */
export interface ContractStore {
  storage: Storage;
  /** A second Storage on the same database: what another server instance (or process) would open. */
  openTwin(): Promise<Storage>;
  /** Rows in a table, counted by the database itself rather than through the Storage under test. */
  countRows(table: 'submissions' | 'device_events' | 'feedback'): Promise<number>;
  /** Frees what the store used (files, a database) after every Storage on it is closed. */
  dispose(): Promise<void>;
}

/** Opens a fresh store whose clock is `now`. */
export type OpenContractStore = (now: () => Date) => Promise<ContractStore>;

/**
 * What one contract suite opens, closed after each test: every Storage on a store (its twins too)
 * before the store itself is freed, since a file or database in use cannot be.
 */
export function contractStores(open: OpenContractStore): OpenContractStore {
  const opened: ContractStore[] = [];
  const storages: Storage[] = [];
  afterEach(async () => {
    for (const storage of storages.splice(0)) await storage.close();
    for (const store of opened.splice(0)) await store.dispose();
  });
  return async (now) => {
    const store = await open(now);
    opened.push(store);
    storages.push(store.storage);
    const openTwin = async () => {
      const twin = await store.openTwin();
      storages.push(twin);
      return twin;
    };
    return { ...store, openTwin };
  };
}

const FIXED_NOW = new Date('2026-04-10T06:00:00.000Z');
/** Ids sent at once from two instances in the race test: enough to interleave on a 2-core machine. */
const RACING_IDS = 40;

const ids = (services: ServiceEntry[]) => services.map((s) => s.id);

/**
 * The behaviour every Storage adapter owes the routes, defined once and run against each adapter
 * (sqlite-storage.contract.test.ts, postgres-storage.contract.test.ts).
 */
export function storageContract(adapter: string, open: OpenContractStore): void {
  const openStore = contractStores(open);
  const fresh = (now: () => Date = () => FIXED_NOW) => openStore(now);
  const twinOf = (store: ContractStore) => store.openTwin();

  describe(`${adapter}: applications`, () => {
    it('creates, then replays the same receipt, then reports a conflict for another payload', async () => {
      const { storage } = await fresh();
      const item = validItem();
      const created = await storage.saveSubmission(item, payloadHash(item));
      expect(created).toEqual({ kind: 'created', receipt: { id: item.id, number: 'XZ-2026-000001', receivedAt: FIXED_NOW.toISOString() } });
      expect(await storage.saveSubmission(item, payloadHash(item))).toEqual({ ...created, kind: 'replayed' });
      expect(await storage.saveSubmission(item, 'another-hash')).toEqual({ kind: 'conflict' });
      expect(await storage.findReceipt(item.id)).toEqual({
        receipt: created.kind === 'created' ? created.receipt : null, payloadHash: payloadHash(item), revision: 1, status: 'received', deviceHash: null, operatorId: null, citizenId: null,
      });
    });

    it('numbers applications in the order they are stored, a replay taking no number', async () => {
      const { storage } = await fresh();
      const first = validItem();
      await storage.saveSubmission(first, payloadHash(first));
      await storage.saveSubmission(first, payloadHash(first));
      const second = validItem();
      expect(await storage.saveSubmission(second, payloadHash(second))).toMatchObject({ kind: 'created', receipt: { number: 'XZ-2026-000002' } });
    });

    it('reports status by id and null for an unknown id', async () => {
      const { storage } = await fresh();
      const item = validItem();
      await storage.saveSubmission(item, payloadHash(item));
      expect(await storage.getStatus(item.id)).toEqual({
        id: item.id, number: 'XZ-2026-000001', serviceId: item.serviceId, status: 'received',
        receivedAt: FIXED_NOW.toISOString(), updatedAt: FIXED_NOW.toISOString(),
      });
      expect(await storage.getStatus(validItem().id)).toBeNull();
      expect(await storage.findReceipt(validItem().id)).toBeNull();
    });

    it('keeps one row per id and gives both instances the one stored receipt when they save the same ids at once', async () => {
      const store = await fresh();
      const twin = await twinOf(store);
      const items = Array.from({ length: RACING_IDS }, () => validItem());
      const results = await Promise.all(items.flatMap((item) => [
        store.storage.saveSubmission(item, payloadHash(item)), twin.saveSubmission(item, payloadHash(item)),
      ]));
      for (let i = 0; i < items.length; i++) {
        const [a, b] = [results[2 * i]!, results[2 * i + 1]!];
        expect([a.kind, b.kind].sort()).toEqual(['created', 'replayed']);
        expect(a.kind !== 'conflict' && b.kind !== 'conflict' && a.receipt).toEqual(b.kind !== 'conflict' && b.receipt);
      }
      expect(await store.countRows('submissions')).toBe(RACING_IDS);
    });

    it('answers a conflict, not a receipt, to the instance that lost the race with another payload', async () => {
      const store = await fresh();
      const twin = await twinOf(store);
      const item = validItem();
      const results = await Promise.all([store.storage.saveSubmission(item, payloadHash(item)), twin.saveSubmission(item, 'another-hash')]);
      expect(results.map((r) => r.kind).filter((kind) => kind === 'created')).toHaveLength(1);
      expect(results.map((r) => r.kind).filter((kind) => kind === 'conflict')).toHaveLength(1);
      expect(await store.countRows('submissions')).toBe(1);
    });

    it('stores a device event once however often it is sent', async () => {
      const store = await fresh();
      const event: DeviceEvent = { id: newId(), deviceId: newId(), kind: 'storage_evicted', unsentBefore: 3, detectedAt: FIXED_NOW.toISOString() };
      await store.storage.recordDeviceEvent(event);
      await store.storage.recordDeviceEvent(event);
      await (await twinOf(store)).recordDeviceEvent(event);
      expect(await store.countRows('device_events')).toBe(1);
    });
  });

  describe(`${adapter}: the catalogue`, () => {
    it('starts at version 1 of a new epoch and keeps the version while nothing changes', async () => {
      const { storage } = await fresh();
      const first = await storage.publishCatalogue(catalogue(service('a'), service('b')));
      expect(first.version).toBe(1);
      expect(first.epoch).toMatch(/^[A-Za-z0-9_-]{8}$/);
      expect(await storage.publishCatalogue(catalogue(service('b'), service('a')))).toEqual(first);
      expect(await storage.catalogueVersion()).toEqual(first);
    });

    it('bumps the version once per change and tells added, changed and removed services apart', async () => {
      const { storage } = await fresh();
      const { epoch } = await storage.publishCatalogue(catalogue(service('a'), service('b')));
      await storage.publishCatalogue(catalogue(service('a', 'A renamed'), service('b'), service('c')));
      await storage.publishCatalogue(catalogue(service('a', 'A renamed'), service('c')));
      expect((await storage.catalogueVersion())?.version).toBe(3);

      const since1 = await storage.catalogueChanges(1, epoch);
      expect(since1).toMatchObject({ version: 3, reset: false, since: 1, removed: ['b'] });
      expect(ids(since1!.services)).toEqual(['a', 'c']);
      expect(since1!.services[0]!.name.uz).toBe('A renamed');
      expect(since1!.categories).toBeUndefined();

      const since2 = await storage.catalogueChanges(2, epoch);
      expect(since2).toMatchObject({ services: [], removed: ['b'] });
      expect(await storage.catalogueChanges(3, epoch)).toMatchObject({ services: [], removed: [], reset: false });
    });

    it('brings a removed service back as a change', async () => {
      const { storage } = await fresh();
      const { epoch } = await storage.publishCatalogue(catalogue(service('a'), service('b')));
      await storage.publishCatalogue(catalogue(service('a')));
      await storage.publishCatalogue(catalogue(service('a'), service('b')));
      expect(await storage.catalogueChanges(2, epoch)).toMatchObject({ version: 3, removed: [], services: [{ id: 'b' }] });
    });

    it('sends the category list only when it changed', async () => {
      const { storage } = await fresh();
      const { epoch } = await storage.publishCatalogue(catalogue(service('a')));
      await storage.publishCatalogue({ ...catalogue(service('a')), categories: [{ id: 'family', name: text('Oila va FHDYo') }] });
      expect((await storage.catalogueChanges(1, epoch))?.categories).toEqual([{ id: 'family', name: text('Oila va FHDYo') }]);
      expect((await storage.catalogueChanges(2, epoch))?.categories).toBeUndefined();
    });

    it.each([
      ['no version', null, 'same'],
      ['another epoch', 1, 'other'],
      ['a version the server never had', 99, 'same'],
    ])('answers everything, as a reset, for %s', async (_case, since, which) => {
      const { storage } = await fresh();
      const { epoch } = await storage.publishCatalogue(catalogue(service('a'), service('b')));
      await storage.publishCatalogue(catalogue(service('a')));
      const delta = await storage.catalogueChanges(since, which === 'same' ? epoch : 'another');
      expect(delta).toMatchObject({ reset: true, since: null, removed: [], version: 2 });
      expect(ids(delta!.services)).toEqual(['a']);
      expect(delta!.categories).toHaveLength(1);
    });

    it('has nothing to say before the first publish', async () => {
      const { storage } = await fresh();
      expect(await storage.catalogueVersion()).toBeNull();
      expect(await storage.catalogueChanges(null, null)).toBeNull();
    });

    it('bumps the version once when two instances start with the same new content at once', async () => {
      const store = await fresh();
      const twin = await twinOf(store);
      await store.storage.publishCatalogue(catalogue(service('a')));
      const next = catalogue(service('a', 'A renamed'), service('b'));
      const [mine, theirs] = await Promise.all([store.storage.publishCatalogue(next), twin.publishCatalogue(next)]);
      expect(mine).toEqual(theirs);
      expect(mine.version).toBe(2);
    });
  });
}
