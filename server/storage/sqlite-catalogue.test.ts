import { describe, expect, it } from 'vitest';
import type { ServiceEntry } from '../../src/contract/index';
import { SqliteStorage } from './sqlite-storage';
import type { PublishedCatalogue } from './storage';

const text = (s: string) => ({ uz: s, 'uz-Cyrl': s, ru: s, en: s });
const service = (id: string, name = id): ServiceEntry => ({
  id, category: 'family', name: text(name), aliases: [], summary: text('s'), applicants: text('a'), documents: [text('d')],
  fee: text('f'), feeBasis: { kind: 'free' }, term: text('t'), agency: text('g'), legalBasis: text('l'), automated: false,
  onBehalf: true, featured: false, formVersion: 1, formBytes: 100, provenance: { sources: ['x'], illustrative: [] },
});
const catalogue = (...services: ServiceEntry[]): PublishedCatalogue => ({ categories: [{ id: 'family', name: text('Oila') }], services });
const ids = (services: ServiceEntry[]) => services.map((s) => s.id);

describe('the catalogue store', () => {
  it('starts at version 1 of a new epoch and keeps the version while nothing changes', async () => {
    const store = new SqliteStorage(':memory:');
    const first = await store.publishCatalogue(catalogue(service('a'), service('b')));
    expect(first.version).toBe(1);
    expect(first.epoch).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(await store.publishCatalogue(catalogue(service('b'), service('a')))).toEqual(first);
    expect(await store.catalogueVersion()).toEqual(first);
  });

  it('bumps the version once per change and tells added, changed and removed services apart', async () => {
    const store = new SqliteStorage(':memory:');
    const { epoch } = await store.publishCatalogue(catalogue(service('a'), service('b')));
    await store.publishCatalogue(catalogue(service('a', 'A renamed'), service('b'), service('c')));
    await store.publishCatalogue(catalogue(service('a', 'A renamed'), service('c')));
    expect((await store.catalogueVersion())?.version).toBe(3);

    const since1 = await store.catalogueChanges(1, epoch);
    expect(since1).toMatchObject({ version: 3, reset: false, since: 1, removed: ['b'] });
    expect(ids(since1!.services)).toEqual(['a', 'c']);
    expect(since1!.services[0]!.name.uz).toBe('A renamed');
    expect(since1!.categories).toBeUndefined();

    const since2 = await store.catalogueChanges(2, epoch);
    expect(since2).toMatchObject({ services: [], removed: ['b'] });
    expect(await store.catalogueChanges(3, epoch)).toMatchObject({ services: [], removed: [], reset: false });
  });

  it('brings a removed service back as a change', async () => {
    const store = new SqliteStorage(':memory:');
    const { epoch } = await store.publishCatalogue(catalogue(service('a'), service('b')));
    await store.publishCatalogue(catalogue(service('a')));
    await store.publishCatalogue(catalogue(service('a'), service('b')));
    expect(await store.catalogueChanges(2, epoch)).toMatchObject({ version: 3, removed: [], services: [{ id: 'b' }] });
  });

  it('sends the category list only when it changed', async () => {
    const store = new SqliteStorage(':memory:');
    const { epoch } = await store.publishCatalogue(catalogue(service('a')));
    await store.publishCatalogue({ ...catalogue(service('a')), categories: [{ id: 'family', name: text('Oila va FHDYo') }] });
    expect((await store.catalogueChanges(1, epoch))?.categories).toEqual([{ id: 'family', name: text('Oila va FHDYo') }]);
    expect((await store.catalogueChanges(2, epoch))?.categories).toBeUndefined();
  });

  it.each([
    ['no version', null, 'same'],
    ['another epoch', 1, 'other'],
    ['a version the server never had', 99, 'same'],
  ])('answers everything, as a reset, for %s', async (_case, since, which) => {
    const store = new SqliteStorage(':memory:');
    const { epoch } = await store.publishCatalogue(catalogue(service('a'), service('b')));
    await store.publishCatalogue(catalogue(service('a')));
    const delta = await store.catalogueChanges(since, which === 'same' ? epoch : 'another');
    expect(delta).toMatchObject({ reset: true, since: null, removed: [], version: 2 });
    expect(ids(delta!.services)).toEqual(['a']);
    expect(delta!.categories).toHaveLength(1);
  });

  it('has nothing to say before the first publish', async () => {
    const store = new SqliteStorage(':memory:');
    expect(await store.catalogueVersion()).toBeNull();
    expect(await store.catalogueChanges(null, null)).toBeNull();
  });
});
