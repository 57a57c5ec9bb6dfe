import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueDelta } from '../../src/contract/index';
import { SqliteStorage } from '../storage/sqlite-storage';
import { catalogue, service } from '../test-support/catalogue-fixtures';
import { catalogueAnswers, DELTA_VERSIONS } from './catalogue-answers';


const stores: SqliteStorage[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** A store at version 3 of the catalogue, and how often the answers asked it for changes. */
async function threeVersions() {
  const storage = new SqliteStorage(':memory:');
  stores.push(storage);
  const { epoch } = await storage.publishCatalogue(catalogue(service('a'), service('b')));
  await storage.publishCatalogue(catalogue(service('a', 'A renamed'), service('b')));
  await storage.publishCatalogue(catalogue(service('a', 'A renamed'), service('c')));
  let asked = 0;
  const changes = storage.catalogueChanges.bind(storage);
  storage.catalogueChanges = (since, forEpoch) => { asked++; return changes(since, forEpoch); };
  return { storage, epoch, asked: () => asked };
}

const parse = async (answer: Promise<{ body: string }>) => JSON.parse((await answer).body) as CatalogueDelta;

describe('catalogueAnswers', () => {
  it('maps every unknown epoch and every version the server never had to one reset answer, made once', async () => {
    const { storage, epoch, asked } = await threeVersions();
    const answers = catalogueAnswers(storage);
    const reset = (await answers.get('delta', null, null)).body;
    for (let i = 0; i < 500; i++) {
      expect((await answers.get('delta', 1, `epoch-${i}`)).body).toBe(reset);
      expect((await answers.get('delta', 4 + i, epoch)).body).toBe(reset);
    }
    expect(asked()).toBe(1);
    expect(answers.size).toBe(1);
    expect(JSON.parse(reset)).toMatchObject({ reset: true, since: null, version: 3, removed: [] });
  });

  it('answers a delta for each recent version, right, and keeps no more than one answer per version and the reset', async () => {
    const { storage, epoch } = await threeVersions();
    const answers = catalogueAnswers(storage);
    expect(await parse(answers.get('delta', 1, epoch))).toMatchObject({ reset: false, since: 1, version: 3, removed: ['b'] });
    expect((await parse(answers.get('delta', 1, epoch))).services.map((s) => s.id)).toEqual(['a', 'c']);
    expect(await parse(answers.get('delta', 2, epoch))).toMatchObject({ reset: false, since: 2, removed: ['b'] });
    expect(await parse(answers.get('delta', 3, epoch))).toMatchObject({ reset: false, since: 3, services: [], removed: [] });
    for (let since = 1; since < 1_000; since++) await answers.get('delta', since, epoch);
    await answers.get('full', null, null);
    expect(answers.size).toBeLessThanOrEqual(DELTA_VERSIONS + 2);
  });

  it('answers phones more than DELTA_VERSIONS versions behind with the reset', async () => {
    const storage = new SqliteStorage(':memory:');
    stores.push(storage);
    const { epoch } = await storage.publishCatalogue(catalogue(service('a')));
    for (let v = 2; v <= DELTA_VERSIONS + 2; v++) await storage.publishCatalogue(catalogue(service('a', `A ${v}`)));
    const answers = catalogueAnswers(storage);
    expect(await parse(answers.get('delta', 1, epoch))).toMatchObject({ reset: true, version: DELTA_VERSIONS + 2 });
    expect(await parse(answers.get('delta', 3, epoch))).toMatchObject({ reset: false, since: 3 });
  });

  it('forgets the answers of a version once another is published', async () => {
    const { storage, epoch } = await threeVersions();
    const answers = catalogueAnswers(storage);
    await answers.get('delta', 2, epoch);
    await storage.publishCatalogue(catalogue(service('c')));
    expect(await parse(answers.get('delta', 2, epoch))).toMatchObject({ version: 4, removed: expect.arrayContaining(['a', 'b']) });
    expect(answers.size).toBe(1);
  });
});
