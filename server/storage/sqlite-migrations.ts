import type { Database } from 'better-sqlite3';
import { SCHEMA_VERSION_QUERY, migrate, migrations, type Migration, type MigrationRequest } from './migrations';

/** SQLite's steps: counters are plain INTEGER columns, numbered MAX + 1 under the writer lock. */
export const SQLITE_MIGRATIONS = migrations({ counter: 'INTEGER', sequence: () => '' });

/**
 * Brings the file up to the newest version, synchronously. Each step begins IMMEDIATE, taking the
 * writer lock, so two processes opening one file apply a step once.
 */
export function runSqliteMigrations(db: Database, steps: readonly Migration[] = SQLITE_MIGRATIONS): number {
  return migrate(steps, (request: MigrationRequest): number | void => {
    switch (request.do) {
      case 'exec': db.exec(request.sql); return;
      case 'read-version': return sqliteSchemaVersion(db);
      case 'record': db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(request.version, request.appliedAt); return;
      case 'begin': db.exec('BEGIN IMMEDIATE'); return;
      case 'commit': db.exec('COMMIT'); return;
      // Some errors end the transaction themselves; a second ROLLBACK would hide them.
      case 'rollback': if (db.inTransaction) db.exec('ROLLBACK'); return;
    }
  });
}

export function sqliteSchemaVersion(db: Database): number {
  return (db.prepare(SCHEMA_VERSION_QUERY).get() as { version: number | null }).version ?? 0;
}
