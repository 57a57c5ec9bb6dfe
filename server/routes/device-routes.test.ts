import Database from 'better-sqlite3';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../storage/db-file';
import { startTestServer, type TestServer } from '../test-support/start-test-server';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

const post = (body: unknown) => fetch(`${server.origin}/api/v1/device-events`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

function events(): { id: string; device_id: string; unsent_before: number }[] {
  const db = new Database(join(server.dataDir, DB_FILE), { readonly: true });
  try { return db.prepare('SELECT id, device_id, unsent_before FROM device_events').all() as never; } finally { db.close(); }
}

describe('POST /api/v1/device-events', () => {
  it('keeps a report of evicted storage once, however often the phone sends it', async () => {
    const event = { id: uuidv7(), deviceId: uuidv7(), kind: 'storage_evicted', unsentBefore: 3, detectedAt: '2026-11-24T10:00:00.000Z' };
    expect((await post(event)).status).toBe(202);
    expect((await post(event)).status).toBe(202);
    expect(events().filter((e) => e.id === event.id)).toEqual([{ id: event.id, device_id: event.deviceId, unsent_before: 3 }]);
  });

  it('keeps a report of a failed database upgrade with what still waits on the phone, and refuses an unknown kind', async () => {
    const event = { id: uuidv7(), deviceId: uuidv7(), kind: 'storage_upgrade_failed', unsentBefore: 5, detectedAt: '2026-11-24T10:00:00.000Z' };
    expect((await post(event)).status).toBe(202);
    expect(events().filter((e) => e.id === event.id)).toEqual([{ id: event.id, device_id: event.deviceId, unsent_before: 5 }]);
    expect((await post({ ...event, id: uuidv7(), kind: 'storage_sold' })).status).toBe(400);
  });

  it('refuses a malformed report with a stable code and stores nothing', async () => {
    const before = events().length;
    const response = await post({ id: 'x', deviceId: uuidv7(), kind: 'storage_evicted', unsentBefore: -1, detectedAt: 'never' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_device_event');
    expect(events().length).toBe(before);
  });
});
