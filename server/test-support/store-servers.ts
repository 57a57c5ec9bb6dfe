import { PostgresStorage } from '../storage/postgres-storage';
import { testDatabase, type TestDatabase } from './postgres-test-database';
import { startTestServer, type TestServer } from './start-test-server';

export type StoreKind = 'SQLite' | 'PostgreSQL';
export const STORE_KINDS: StoreKind[] = ['SQLite', 'PostgreSQL'];

type StartOptions = Omit<NonNullable<Parameters<typeof startTestServer>[0]>, 'storage'>;

/**
 * Real servers over HTTP on either store, for tests that must hold on both: `start` gives one on
 * a fresh store of `kind` (or, with `url`, another instance on the same PostgreSQL, as behind a
 * balancer); `closeAll` (in afterEach) stops them and drops their databases.
 */
export function storeServers() {
  const servers: TestServer[] = [];
  const databases: TestDatabase[] = [];
  return {
    async start(kind: StoreKind, options: StartOptions & { url?: string } = {}): Promise<TestServer & { url?: string }> {
      let { url, ...rest } = options;
      let storage: PostgresStorage | undefined;
      if (kind === 'PostgreSQL') {
        if (!url) {
          const database = await testDatabase();
          databases.push(database);
          url = database.url;
        }
        storage = await PostgresStorage.open(url, rest.storageNow ? { now: rest.storageNow } : {});
      }
      const server = await startTestServer({ ...rest, storage });
      servers.unshift(server);
      return Object.assign(server, { url });
    },
    async closeAll(): Promise<void> {
      for (const server of servers.splice(0)) await server.close();
      for (const database of databases.splice(0)) await database.drop();
    },
  };
}
