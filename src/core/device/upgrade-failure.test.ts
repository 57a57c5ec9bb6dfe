import { describe, expect, it } from 'vitest';
import { parseDeviceEvent } from '../../contract/index';
import { queued, receiptServer } from '../test-support/queued-item';
import { testDb } from '../test-support/test-db';
import { flushOutbox } from '../outbox/flush-outbox';
import { DEVICE_META } from './check-storage';
import { sendUpgradeFailure, upgradeFailureReport } from './upgrade-failure';

describe('the report of a failed database upgrade', () => {
  it('counts the applications still waiting, under this phone\'s device id, as a well-formed event', async () => {
    const db = testDb();
    await db.meta.put({ key: DEVICE_META, value: { id: '0193a0c2-1111-7000-8000-000000000001', since: '2026-01-01T00:00:00.000Z' } });
    await queued(db);
    await flushOutbox(db, { fetch: receiptServer() });
    await queued(db);
    await queued(db);
    const record = await upgradeFailureReport(db, null, new Date('2026-12-04T10:00:00Z'));
    expect(record.reported).toBe(false);
    expect(record.event).toMatchObject({ kind: 'storage_upgrade_failed', unsentBefore: 2, deviceId: '0193a0c2-1111-7000-8000-000000000001' });
    expect(parseDeviceEvent(record.event)).toEqual(record.event);
  });

  it('is the same report (same id) until the server has it, so a resend is kept once', async () => {
    const db = testDb();
    const first = await upgradeFailureReport(db, null, new Date());
    expect(await upgradeFailureReport(db, first, new Date())).toBe(first);
    const sent: unknown[] = [];
    const down: typeof fetch = async () => { throw new TypeError('offline'); };
    const server: typeof fetch = async (_url, init) => { sent.push(JSON.parse(String(init?.body))); return new Response(JSON.stringify({ id: first.event.id }), { status: 202 }); };
    expect(await sendUpgradeFailure(first, { fetch: down })).toBe(false);
    expect(await sendUpgradeFailure(first, { fetch: server })).toBe(true);
    expect(sent).toEqual([first.event]);
  });
});
