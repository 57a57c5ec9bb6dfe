import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { buildApp, type BuildAppOptions } from '../build-app';
import { loadContent } from '../content/load-content';
import { DEFAULT_REQUEST_LIMITS } from '../http/request-limits';
import { DB_FILE } from '../storage/db-file';
import { SqliteStorage } from '../storage/sqlite-storage';
import type { SubmissionsTable } from '../storage/schema';
import type { Storage } from '../storage/storage';

export const FIXTURE_CONTENT_DIR = fileURLToPath(new URL('../test-fixtures/content', import.meta.url));

const NO_LIMIT = { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 };
/** For benchmarks that send thousands of requests from one address and one phone: no request limit at all. */
export const WITHOUT_REQUEST_LIMITS: Pick<BuildAppOptions, 'rateLimit' | 'sourceLimits'> = {
  rateLimit: NO_LIMIT,
  sourceLimits: Object.fromEntries(Object.keys(DEFAULT_REQUEST_LIMITS.groups).map((group) => [group, { perSource: NO_LIMIT, overall: NO_LIMIT }])),
};

/** A submissions row as the migrations' first step made it. */
export type SubmissionRow = Pick<Selectable<SubmissionsTable>,
  'id' | 'seq' | 'number' | 'service_id' | 'form_version' | 'payload_hash' | 'payload' | 'finalised_at' | 'received_at' | 'status' | 'updated_at'>;

export interface TestServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  dataDir: string;
  app: FastifyInstance;
  /** The store the app uses. */
  storage: Storage;
  /** Every row of the submissions table (SQLite only), read through a separate connection, oldest first. */
  rows(): SubmissionRow[];
  /** Stops the server and closes the database; removes the data dir unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the real app on a free port over real HTTP, with a fresh (or given) data dir. */
export async function startTestServer(
  options: {
    dataDir?: string; distDir?: string; contentDir?: string; wrapStorage?: (storage: Storage) => Storage; adminToken?: string;
    /** Another store than a fresh SQLite file in dataDir (a PostgreSQL test database); closed with the server. */
    storage?: Storage;
    /** The clock of the SQLite store made here (invoice due times, payment timeouts); the real one by default. */
    storageNow?: () => Date;
  } & Pick<BuildAppOptions, 'now' | 'rateLimit' | 'serverKeys' | 'sourceLimits' | 'trustProxy' | 'passwordChecks' | 'uploads' | 'paymeEnv' | 'identity'> = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'xizmat-data-')));
  // The file name main.ts uses, so a restart test sees what a real restart sees.
  const dbFile = join(dataDir, DB_FILE);
  const storage = options.storage ?? new SqliteStorage(dbFile, options.storageNow ? { now: options.storageNow } : {});
  const content = await loadContent(options.contentDir ?? FIXTURE_CONTENT_DIR);
  const served = options.wrapStorage ? options.wrapStorage(storage) : storage;
  let app: FastifyInstance;
  try {
    app = await buildApp({
      content, storage: served, distDir: options.distDir ?? join(dataDir, 'no-dist'), uploadsDir: join(dataDir, 'uploads'),
      adminToken: options.adminToken, now: options.now, rateLimit: options.rateLimit, serverKeys: options.serverKeys,
      sourceLimits: options.sourceLimits, trustProxy: options.trustProxy, passwordChecks: options.passwordChecks, uploads: options.uploads,
      paymeEnv: options.paymeEnv, identity: options.identity,
    });
  } catch (error) {
    await storage.close();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    dataDir,
    app,
    storage,
    rows: () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return db.prepare('SELECT * FROM submissions ORDER BY seq').all() as SubmissionRow[];
      } finally {
        db.close();
      }
    },
    close: async ({ keepData = false } = {}) => {
      await app.close();
      await storage.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
