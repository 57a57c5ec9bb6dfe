import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabase } from './postgres-test-database';

/** Long enough for a drop that does not wait to have terminated the session. */
const STILL_OPEN_MS = 300;

describe('a test database', () => {
  // A pool's end() resolves while its sessions are still closing; a drop that terminated them then
  // would reach a client still listening, as an uncaught error in whatever test runs next.
  it('is dropped only after a session still open on it has gone, which hears nothing', async () => {
    const database = await testDatabase();
    const client = new pg.Client({ connectionString: database.url });
    const heard: string[] = [];
    client.on('error', (error) => heard.push(error.message));
    await client.connect();
    let dropped = false;
    const drop = database.drop().then(() => { dropped = true; });
    await new Promise((resolve) => setTimeout(resolve, STILL_OPEN_MS));
    expect(dropped).toBe(false);
    await client.end();
    await drop;
    expect(heard).toEqual([]);
  });
});
