import Database from 'better-sqlite3';
import { KyselyStorage } from './kysely-storage';
import { SqliteEngine, tuneSqlite } from './sqlite-engine';
import { runSqliteMigrations } from './sqlite-migrations';

export interface SqliteStorageOptions {
  /** The clock that stamps receivedAt; tests pass a fixed one. */
  now?: () => Date;
}

/** The embedded default: one SQLite file, WAL, every commit fsynced before it is acknowledged. */
export class SqliteStorage extends KyselyStorage {
  private readonly db: Database.Database;

  /** Opens (creating if needed) and migrates the database at `file`; ':memory:' works for tests. */
  constructor(file: string, options: SqliteStorageOptions = {}) {
    const db = new Database(file);
    try {
      tuneSqlite(db);
      runSqliteMigrations(db);
    } catch (error) {
      db.close();
      throw error;
    }
    super(new SqliteEngine(db), options.now ?? (() => new Date()));
    this.db = db;
  }
}
