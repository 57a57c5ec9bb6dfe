import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase } from './postgres-cluster';
// Also brings in the `postgres` key of vitest's ProvidedContext that the global setup fills.
import type { ProvidedPostgres } from './postgres-global-setup';

export interface TestDatabase {
  url: string;
  /** Drops the database; every connection to it must be closed first. */
  drop(): Promise<void>;
}

/**
 * A new empty database on the run's PostgreSQL (postgres-global-setup.ts). Throws, failing the
 * test, when there is no PostgreSQL: these tests never skip.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const provided: ProvidedPostgres = inject('postgres');
  if ('error' in provided) throw new Error(`No PostgreSQL for this test: ${provided.error}`);
  // Random names: on a shared server (XIZMAT_PG_URL) runs must not meet each other's databases.
  const name = `xizmat_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(provided.url, name);
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: provided.url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
