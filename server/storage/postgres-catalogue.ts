import type pg from 'pg';
import type { CatalogueCategory, CatalogueDelta, ServiceEntry } from '../../src/contract/index';
import { canonicalJson } from '../submissions/canonical-json';
import { catalogueHash, newEpoch, type ServiceRow, type StateRow } from './catalogue-rows';
import { postgresTransaction } from './postgres-transaction';
import type { CatalogueVersion, PublishedCatalogue } from './storage';

const STATE_QUERY = 'SELECT epoch, version, categories, categories_changed_in FROM catalogue_state WHERE id = 1';

/**
 * The catalogue's version history in PostgreSQL, the same rules as SqliteCatalogue: one version
 * bump per publish that changes anything, whoever publishes and however many instances start.
 */
export class PostgresCatalogue {
  constructor(private readonly pool: pg.Pool) {}

  publish(catalogue: PublishedCatalogue, now: Date): Promise<CatalogueVersion> {
    return postgresTransaction(this.pool, async (client) => {
      // Readers go on; a second instance publishing at the same start waits here, then sees our
      // version and finds nothing changed, as SQLite's IMMEDIATE transaction gives.
      await client.query('LOCK TABLE catalogue_state IN EXCLUSIVE MODE');
      return publishLocked(client, catalogue, now.toISOString());
    });
  }

  async version(): Promise<CatalogueVersion | null> {
    const { rows: [state] } = await this.pool.query<StateRow>(STATE_QUERY);
    return state ? { epoch: state.epoch, version: state.version } : null;
  }

  /** What changed after `since` in `epoch`; everything (reset) when the device cannot be answered with a delta. */
  changes(since: number | null, epoch: string | null): Promise<CatalogueDelta | null> {
    // One snapshot for all three reads, so a publish in between cannot mix two versions.
    return postgresTransaction(this.pool, async (client) => {
      const { rows: [state] } = await client.query<StateRow>(STATE_QUERY);
      if (!state) return null;
      const fromScratch = since === null || epoch !== state.epoch || since > state.version;
      const after = fromScratch ? 0 : since;
      // Ordered by id so the same version always gives the same bytes (and the same compression).
      const changed = await client.query<{ entry: string }>(
        'SELECT entry FROM catalogue_services WHERE removed_in IS NULL AND changed_in > $1 ORDER BY id', [after],
      );
      const removed = fromScratch ? [] : (await client.query<{ id: string }>(
        'SELECT id FROM catalogue_services WHERE removed_in IS NOT NULL AND removed_in > $1 ORDER BY id', [after],
      )).rows.map((row) => row.id);
      const delta: CatalogueDelta = {
        epoch: state.epoch,
        version: state.version,
        reset: fromScratch,
        since: fromScratch ? null : since,
        services: changed.rows.map((row) => JSON.parse(row.entry) as ServiceEntry),
        removed,
      };
      if (fromScratch || state.categories_changed_in > after) delta.categories = JSON.parse(state.categories) as CatalogueCategory[];
      return delta;
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }
}

async function publishLocked(client: pg.PoolClient, catalogue: PublishedCatalogue, now: string): Promise<CatalogueVersion> {
  const { rows: [state] } = await client.query<StateRow>(STATE_QUERY);
  const { rows } = await client.query<ServiceRow>('SELECT id, entry, hash, removed_in FROM catalogue_services');
  const stored = new Map(rows.map((row) => [row.id, row]));
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
  for (const service of changed) {
    await client.query(
      `INSERT INTO catalogue_services (id, entry, hash, changed_in, removed_in) VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (id) DO UPDATE SET entry = excluded.entry, hash = excluded.hash, changed_in = excluded.changed_in, removed_in = NULL`,
      [service.id, JSON.stringify(service), catalogueHash(service), next],
    );
  }
  for (const row of removed) {
    await client.query('UPDATE catalogue_services SET removed_in = $1, changed_in = $1 WHERE id = $2', [next, row.id]);
  }
  if (!state) {
    const epoch = newEpoch();
    await client.query(
      `INSERT INTO catalogue_state (id, epoch, version, categories, categories_changed_in, published_at)
       VALUES (1, $1, $2, $3, $2, $4)`,
      [epoch, next, categories, now],
    );
    return { epoch, version: next };
  }
  await client.query(
    'UPDATE catalogue_state SET version = $1, categories = $2, categories_changed_in = $3, published_at = $4 WHERE id = 1',
    [next, categories, categoriesChanged ? next : state.categories_changed_in, now],
  );
  return { epoch: state.epoch, version: next };
}
