import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

/** What the PostgreSQL tests get: a server they may create databases on, or why there is none. */
export type ProvidedPostgres = { url: string } | { error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (or the server in
 * $XIZMAT_PG_URL), stopped at the end. A cluster that cannot start is passed on as an error rather
 * than thrown here, so the SQLite and browser-side tests still run and every PostgreSQL test fails
 * with the reason (see postgres-test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.XIZMAT_PG_URL) {
    project.provide('postgres', { url: process.env.XIZMAT_PG_URL });
    return async () => undefined;
  }
  let cluster: PostgresCluster | null = null;
  try {
    cluster = await startPostgresCluster({ fsync: false });
    project.provide('postgres', { url: cluster.url });
  } catch (error) {
    project.provide('postgres', { error: error instanceof Error ? error.message : String(error) });
  }
  return async () => {
    await cluster?.stop();
  };
}
