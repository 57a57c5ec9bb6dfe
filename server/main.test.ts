import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCode, startMain } from './test-support/start-main';
import { DB_FILE } from './storage/db-file';
import { FIXTURE_CONTENT_DIR } from './test-support/start-test-server';
import { submit, validItem } from './test-support/submission-fixtures';

/** Long enough for the server to read the first half of a body, or to act on a signal. */
const IN_FLIGHT_PAUSE_MS = 300;
/** A stop with nothing left in flight should take well under a client's keep-alive time. */
const PROMPT_EXIT_MS = 3_000;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe('server/main.ts', () => {
  it('stops cleanly on SIGTERM with exit code 0, and what it acknowledged is on disk', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xizmat-main-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startMain({ DATA_DIR: dataDir, CONTENT_DIR: FIXTURE_CONTENT_DIR, DIST_DIR: join(dataDir, 'no-dist') });
    cleanup.push(async () => void server.child.kill('SIGKILL'));

    const item = validItem();
    const [result] = await submit(server.origin, [item]);
    expect(result?.status).toBe(201);
    const exited = exitCode(server.child);
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');

    const db = new Database(join(dataDir, DB_FILE), { readonly: true });
    try {
      const rows = db.prepare('SELECT id, number FROM submissions').all();
      expect(rows).toEqual([{ id: item.id, number: result && 'receipt' in result ? result.receipt.number : null }]);
    } finally {
      db.close();
    }
  }, 30_000);

  it('on SIGTERM finishes a request that is still uploading, then exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xizmat-main-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startMain({ DATA_DIR: dataDir, CONTENT_DIR: FIXTURE_CONTENT_DIR, DIST_DIR: join(dataDir, 'no-dist') });
    cleanup.push(async () => void server.child.kill('SIGKILL'));

    const item = validItem();
    const body = JSON.stringify({ items: [item] });
    const half = Math.floor(body.length / 2);
    const exited = exitCode(server.child);
    let signalledAt = 0;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.origin}/api/v1/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, half));
      // The request is in flight (half its body sent) when the signal arrives.
      setTimeout(() => {
        signalledAt = Date.now();
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), IN_FLIGHT_PAUSE_MS);
      }, IN_FLIGHT_PAUSE_MS);
    });
    const response = await answer;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).results[0]).toMatchObject({ id: item.id, status: 201 });
    expect(await exited).toBe(0);
    // The client's keep-alive socket must not hold the shutdown open (it did, ~5 s, before Connection: close).
    expect(Date.now() - signalledAt).toBeLessThan(PROMPT_EXIT_MS);
    const db = new Database(join(dataDir, DB_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT id FROM submissions').all()).toEqual([{ id: item.id }]);
    } finally {
      db.close();
    }
  }, 30_000);

  it('refuses to start with a clear message when the content is broken', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xizmat-main-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const started = startMain({ DATA_DIR: dataDir, CONTENT_DIR: join(dataDir, 'no-content') });
    await expect(started).rejects.toThrow(/exited with 1[\s\S]*content in CONTENT_DIR is broken[\s\S]*catalogue\.json: cannot read/);
  }, 30_000);
});
