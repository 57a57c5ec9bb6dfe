import { join } from 'node:path';
import type { Config } from '../read-config';
import { DB_FILE } from './db-file';
import { PostgresStorage } from './postgres-storage';
import { SqliteStorage } from './sqlite-storage';
import type { Storage } from './storage';

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file in DATA_DIR; the server and the admin command share it. */
export async function openStorage(config: Pick<Config, 'databaseUrl' | 'dataDir'>, now?: () => Date): Promise<Storage> {
  return config.databaseUrl ? PostgresStorage.open(config.databaseUrl, { now }) : new SqliteStorage(join(config.dataDir, DB_FILE), { now });
}
