import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase } from './postgres-cluster';
// Also brings in the `postgres` key of vitest's ProvidedContext that the global setup fills.
import type { ProvidedPostgres } from './postgres-global-setup';

export interface TestDatabase {
  url: string;
  /** Drops the database once the connections to it have gone; end every pool on it first. */
  drop(): Promise<void>;
}

/**
 * pg's Pool.end() resolves as soon as it has asked its clients to close, not when their sessions
 * have ended. Dropping WITH (FORCE) in that moment terminates a session whose client is still
 * listening: the client gets "terminating connection due to administrator command" and its pool,
 * which has no error listener in a test, throws it as an uncaught error into whichever test runs.
 * So the drop waits for the sessions to leave by themselves first.
 */
const SESSIONS_GONE_TIMEOUT_MS = 5_000;
const SESSIONS_POLL_MS = 20;

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
        const deadline = Date.now() + SESSIONS_GONE_TIMEOUT_MS;
        while (Date.now() < deadline) {
          const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (Number(rows[0]?.n) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, SESSIONS_POLL_MS));
        }
        // FORCE only for a session a failed test left open; after the wait nobody listens to it.
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
