import { createHash, randomBytes } from 'node:crypto';
import type { CatalogueCategory, CatalogueDelta, ServiceEntry } from '../../src/contract/index';
import { canonicalJson } from '../submissions/canonical-json';
import type { Engine } from './engine';
import type { Db } from './schema';
import type { CatalogueVersion, PublishedCatalogue } from './storage';

/** Random bytes of a new epoch: tells this history from one a fresh database would start. */
const EPOCH_BYTES = 6;

/** A service's or the categories' content hash: equal hashes mean nothing changed. */
const catalogueHash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('base64url');

/** A new catalogue epoch: phones holding a version of another epoch start again from nothing. */
const newEpoch = (): string => randomBytes(EPOCH_BYTES).toString('base64url');

const state = (db: Db) => db.selectFrom('catalogue_state').select(['epoch', 'version', 'categories', 'categories_changed_in'])
  .where('id', '=', 1).executeTakeFirst();

/**
 * The catalogue's version history (tables of migration 2). Publishing compares what the files say
 * with the stored rows and bumps the version once when anything differs, so "every change bumps a
 * version" holds whoever edits content/ and however many servers start.
 */
export class Catalogue {
  private readonly db: Db;

  constructor(private readonly engine: Engine) {
    this.db = engine.db;
  }

  /** Under the catalogue lock: a second instance publishing at the same start waits, then finds nothing changed. */
  publish(catalogue: PublishedCatalogue, now: Date): Promise<CatalogueVersion> {
    return this.db.transaction().execute(async (trx) => {
      await this.engine.lock(trx, 'catalogue');
      return publishLocked(trx, catalogue, now.toISOString());
    });
  }

  async version(): Promise<CatalogueVersion | null> {
    const stored = await state(this.db);
    return stored ? { epoch: stored.epoch, version: stored.version } : null;
  }

  /**
   * What changed after `since` in `epoch`; everything (reset) when the device's version is missing,
   * of another epoch or ahead of the server (a restored backup). One snapshot for all three reads,
   * so a publish in between cannot mix two versions.
   */
  changes(since: number | null, epoch: string | null): Promise<CatalogueDelta | null> {
    return this.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
      const stored = await state(trx);
      if (!stored) return null;
      const fromScratch = since === null || epoch !== stored.epoch || since > stored.version;
      const after = fromScratch ? 0 : since;
      // Ordered by id so the same version always gives the same bytes (and the same compression).
      const changed = await trx.selectFrom('catalogue_services').select('entry')
        .where('removed_in', 'is', null).where('changed_in', '>', after).orderBy('id').execute();
      const removed = fromScratch ? [] : (await trx.selectFrom('catalogue_services').select('id')
        .where('removed_in', 'is not', null).where('removed_in', '>', after).orderBy('id').execute()).map((row) => row.id);
      const delta: CatalogueDelta = {
        epoch: stored.epoch,
        version: stored.version,
        reset: fromScratch,
        since: fromScratch ? null : since,
        services: changed.map((row) => JSON.parse(row.entry) as ServiceEntry),
        removed,
      };
      if (fromScratch || stored.categories_changed_in > after) delta.categories = JSON.parse(stored.categories) as CatalogueCategory[];
      return delta;
    });
  }
}

async function publishLocked(trx: Db, catalogue: PublishedCatalogue, now: string): Promise<CatalogueVersion> {
  const current = await state(trx);
  const rows = await trx.selectFrom('catalogue_services').select(['id', 'hash', 'removed_in']).execute();
  const stored = new Map(rows.map((row) => [row.id, row]));
  const next = (current?.version ?? 0) + 1;
  const changed = catalogue.services.filter((service) => {
    const row = stored.get(service.id);
    return !row || row.removed_in !== null || row.hash !== catalogueHash(service);
  });
  const listed = new Set(catalogue.services.map((s) => s.id));
  const removed = [...stored.values()].filter((row) => row.removed_in === null && !listed.has(row.id));
  const categories = JSON.stringify(catalogue.categories);
  const categoriesChanged = !current || canonicalJson(JSON.parse(current.categories)) !== canonicalJson(catalogue.categories);
  if (current && changed.length === 0 && removed.length === 0 && !categoriesChanged) {
    return { epoch: current.epoch, version: current.version };
  }
  for (const service of changed) {
    await trx.insertInto('catalogue_services')
      .values({ id: service.id, entry: JSON.stringify(service), hash: catalogueHash(service), changed_in: next, removed_in: null })
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
        entry: eb.ref('excluded.entry'), hash: eb.ref('excluded.hash'), changed_in: eb.ref('excluded.changed_in'), removed_in: null,
      })))
      .execute();
  }
  for (const row of removed) {
    await trx.updateTable('catalogue_services').set({ removed_in: next, changed_in: next }).where('id', '=', row.id).execute();
  }
  if (!current) {
    const epoch = newEpoch();
    await trx.insertInto('catalogue_state')
      .values({ id: 1, epoch, version: next, categories, categories_changed_in: next, published_at: now })
      .execute();
    return { epoch, version: next };
  }
  await trx.updateTable('catalogue_state').set({
    version: next, categories, categories_changed_in: categoriesChanged ? next : current.categories_changed_in, published_at: now,
  }).where('id', '=', 1).execute();
  return { epoch: current.epoch, version: next };
}
