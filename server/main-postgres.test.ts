import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEVICE_KEY_HEADER } from '../src/contract/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from './test-support/postgres-test-database';
import { exitCode, startMain, type StartedMain } from './test-support/start-main';
import { FIXTURE_CONTENT_DIR } from './test-support/start-test-server';
import { submit, TEST_DEVICE_KEY, validItem } from './test-support/submission-fixtures';

/** Ids each posted to both instances at the same moment. */
const TWIN_IDS = 20;

// Two real server processes on one PostgreSQL (DATABASE_URL), each with its own DATA_DIR, as on
// two machines; only the database and UPLOADS_DIR are shared.
let database: TestDatabase;
let dir: string;
let instances: StartedMain[] = [];
beforeAll(async () => {
  database = await testDatabase();
  dir = await mkdtemp(join(tmpdir(), 'xizmat-main-pg-'));
  instances = await Promise.all(['a', 'b'].map((name) => startMain({
    DATABASE_URL: database.url, DATA_DIR: join(dir, name), UPLOADS_DIR: join(dir, 'uploads'),
    CONTENT_DIR: FIXTURE_CONTENT_DIR, DIST_DIR: join(dir, 'no-dist'),
  })));
}, 30_000);
afterAll(async () => {
  await Promise.all(instances.map(async ({ child }) => {
    const exited = exitCode(child);
    child.kill('SIGTERM');
    await exited;
  }));
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function countRows(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM submissions')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('server/main.ts with DATABASE_URL', () => {
  it('says which database it uses, without the credentials', () => {
    expect(instances[0]!.output()).toMatch(/Xizmat listening on http:\/\/[\d.:]+ \(PostgreSQL 127\.0\.0\.1:\d+\/xizmat_test_/);
  });

  it('stores an application sent to two instances at once once, and both answer with its receipt', async () => {
    const [a, b] = instances as [StartedMain, StartedMain];
    const items = Array.from({ length: TWIN_IDS }, () => validItem());
    const [fromA, fromB] = await Promise.all([submit(a.origin, items), submit(b.origin, items)]);
    for (let i = 0; i < items.length; i++) {
      expect([fromA[i]!.status, fromB[i]!.status].sort()).toEqual([200, 201]);
      expect(fromA[i]).toMatchObject({ receipt: (fromB[i] as { receipt: unknown }).receipt });
    }
    expect(await countRows()).toBe(TWIN_IDS);
    const status = await fetch(`${b.origin}/api/v1/submissions/${items[0]!.id}`, { headers: { [DEVICE_KEY_HEADER]: TEST_DEVICE_KEY } });
    expect(await status.json()).toMatchObject({ id: items[0]!.id, status: 'received' });
  });
});
