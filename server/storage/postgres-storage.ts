import { KyselyStorage } from './kysely-storage';
import { PostgresEngine, postgresPool } from './postgres-engine';
import { runPostgresMigrations } from './postgres-migrations';

export interface PostgresStorageOptions {
  /** The clock that stamps receivedAt; tests pass a fixed one. */
  now?: () => Date;
  /** Connections in this instance's pool. */
  poolSize?: number;
}

/**
 * Many server instances on one PostgreSQL (selected by DATABASE_URL). Every instance migrates on
 * start under an advisory lock; the UNIQUE id decides between concurrent twins from any instance.
 */
export class PostgresStorage extends KyselyStorage {
  /** Connects to `url` and migrates the database; fails (and closes the pool) when either cannot be done. */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = postgresPool(url, options.poolSize);
    try {
      await runPostgresMigrations(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(new PostgresEngine(pool), options.now ?? (() => new Date()));
  }
}
