import type pg from 'pg';
import { SCHEMA_VERSION_QUERY, migrate, migrations, type Migration, type MigrationRequest } from './migrations';

/** PostgreSQL's steps: each counter a BIGINT column with its own sequence (postgres-engine.ts). */
export const POSTGRES_MIGRATIONS = migrations({ counter: 'BIGINT', sequence: (name) => `CREATE SEQUENCE ${name} AS BIGINT;` });

/**
 * Any constant both instances agree on ('XIZM'): the advisory lock that lets one instance at a time
 * migrate, so several starting together neither race on CREATE TABLE nor apply a step twice.
 */
const MIGRATION_LOCK_KEY = 0x58495a4d;

/** Brings the database up to the newest version on one connection, under the session advisory lock. */
export async function runPostgresMigrations(pool: pg.Pool, steps: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await migrate(steps, async (request: MigrationRequest): Promise<number | void> => {
        switch (request.do) {
          case 'exec': await client.query(request.sql); return;
          case 'read-version': return postgresSchemaVersion(client);
          case 'record':
            await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [request.version, request.appliedAt]);
            return;
          case 'begin': case 'commit': case 'rollback': await client.query(request.do.toUpperCase()); return;
        }
      });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

export async function postgresSchemaVersion(client: pg.ClientBase | pg.Pool): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(SCHEMA_VERSION_QUERY);
  return rows[0]?.version ?? 0;
}
