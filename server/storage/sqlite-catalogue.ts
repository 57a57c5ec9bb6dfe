import type Database from 'better-sqlite3';
import type { CatalogueCategory, CatalogueDelta, ServiceEntry } from '../../src/contract/index';
import { canonicalJson } from '../submissions/canonical-json';
import { catalogueHash, newEpoch, type ServiceRow, type StateRow } from './catalogue-rows';
import type { CatalogueVersion, PublishedCatalogue } from './storage';

/**
 * The catalogue's version history in SQLite (tables of migration 2). Publishing compares what the
 * files say with the stored rows and bumps the version once when anything differs, so "every
 * change bumps a version" holds whoever edits content/ and however many servers start.
 */
export class SqliteCatalogue {
  private readonly publishTx: (catalogue: PublishedCatalogue, now: string) => CatalogueVersion;
  private readonly stateQuery: Database.Statement<[], StateRow>;
  private readonly changedQuery: Database.Statement<[number], { entry: string }>;
  private readonly removedQuery: Database.Statement<[number], { id: string }>;

  constructor(db: Database.Database) {
    this.stateQuery = db.prepare('SELECT epoch, version, categories, categories_changed_in FROM catalogue_state WHERE id = 1');
    // Ordered by id so the same version always gives the same bytes (and the same compression).
    this.changedQuery = db.prepare('SELECT entry FROM catalogue_services WHERE removed_in IS NULL AND changed_in > ? ORDER BY id');
    this.removedQuery = db.prepare('SELECT id FROM catalogue_services WHERE removed_in IS NOT NULL AND removed_in > ? ORDER BY id');
    const allServices = db.prepare<[], ServiceRow>('SELECT id, entry, hash, changed_in, removed_in FROM catalogue_services');
    const upsert = db.prepare(
      `INSERT INTO catalogue_services (id, entry, hash, changed_in, removed_in) VALUES (@id, @entry, @hash, @version, NULL)
       ON CONFLICT (id) DO UPDATE SET entry = excluded.entry, hash = excluded.hash, changed_in = excluded.changed_in, removed_in = NULL`,
    );
    const remove = db.prepare('UPDATE catalogue_services SET removed_in = ?, changed_in = ? WHERE id = ?');
    const insertState = db.prepare(
      `INSERT INTO catalogue_state (id, epoch, version, categories, categories_changed_in, published_at)
       VALUES (1, @epoch, @version, @categories, @version, @now)`,
    );
    const updateState = db.prepare(
      `UPDATE catalogue_state SET version = @version, categories = @categories,
         categories_changed_in = @categoriesChangedIn, published_at = @now WHERE id = 1`,
    );

    const publish = db.transaction((catalogue: PublishedCatalogue, now: string): CatalogueVersion => {
      const state = this.stateQuery.get();
      const stored = new Map(allServices.all().map((row) => [row.id, row]));
      const next = (state?.version ?? 0) + 1;
      const changed = catalogue.services.filter((service) => {
        const row = stored.get(service.id);
        return !row || row.removed_in !== null || row.hash !== catalogueHash(service);
      });
      const listed = new Set(catalogue.services.map((s) => s.id));
      const removed = [...stored.values()].filter((row) => row.removed_in === null && !listed.has(row.id));
      const categories = JSON.stringify(catalogue.categories);
      const categoriesChanged = !state || canonicalJson(JSON.parse(state.categories)) !== canonicalJson(catalogue.categories);
      if (state && changed.length === 0 && removed.length === 0 && !categoriesChanged) {
        return { epoch: state.epoch, version: state.version };
      }
      for (const service of changed) upsert.run({ id: service.id, entry: JSON.stringify(service), hash: catalogueHash(service), version: next });
      for (const row of removed) remove.run(next, next, row.id);
      if (!state) {
        const epoch = newEpoch();
        insertState.run({ epoch, version: next, categories, now });
        return { epoch, version: next };
      }
      updateState.run({
        version: next, categories, now,
        categoriesChangedIn: categoriesChanged ? next : state.categories_changed_in,
      });
      return { epoch: state.epoch, version: next };
    });
    // IMMEDIATE: two servers starting at once cannot both bump the version for the same change.
    this.publishTx = (catalogue, now) => publish.immediate(catalogue, now);
  }

  publish(catalogue: PublishedCatalogue, now: Date): CatalogueVersion {
    return this.publishTx(catalogue, now.toISOString());
  }

  version(): CatalogueVersion | null {
    const state = this.stateQuery.get();
    return state ? { epoch: state.epoch, version: state.version } : null;
  }

  /**
   * What changed after `since` in `epoch`; everything (reset) when the device's version is missing,
   * of another epoch or ahead of the server (a restored backup).
   */
  changes(since: number | null, epoch: string | null): CatalogueDelta | null {
    const state = this.stateQuery.get();
    if (!state) return null;
    const fromScratch = since === null || epoch !== state.epoch || since > state.version;
    const after = fromScratch ? 0 : since;
    const delta: CatalogueDelta = {
      epoch: state.epoch,
      version: state.version,
      reset: fromScratch,
      since: fromScratch ? null : since,
      services: this.changedQuery.all(after).map((row) => JSON.parse(row.entry) as ServiceEntry),
      removed: fromScratch ? [] : this.removedQuery.all(after).map((row) => row.id),
    };
    if (fromScratch || state.categories_changed_in > after) delta.categories = JSON.parse(state.categories) as CatalogueCategory[];
    return delta;
  }
}
