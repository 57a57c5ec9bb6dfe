import { v7 as uuidv7 } from 'uuid';
import type { DeviceEvent } from '../../contract/index';
import type { SyncDb } from '../db/sync-db';
import { DEVICE_META } from './check-storage';

/** The report of one failed upgrade: made once, sent until the server has it. */
export interface UpgradeFailureRecord {
  event: DeviceEvent;
  reported: boolean;
}

/** Applications (not ratings) the phone still has to send. */
export function waitingApplications(db: SyncDb): Promise<number> {
  return db.outbox.where('state').anyOf(['queued', 'sending', 'blocked']).filter((row) => row.kind !== 'feedback').count();
}

/**
 * The report to the server that this phone's database could not be upgraded, read from the database
 * as it is. The same report (same id) while it has not reached the server, so that a resend is kept
 * once; none again once it has.
 */
export async function upgradeFailureReport(db: SyncDb, previous: UpgradeFailureRecord | null, now: Date): Promise<UpgradeFailureRecord> {
  if (previous) return previous;
  const device = (await db.meta.get(DEVICE_META))?.value as { id?: unknown } | undefined;
  const event: DeviceEvent = {
    id: uuidv7(), deviceId: typeof device?.id === 'string' ? device.id : uuidv7(), kind: 'storage_upgrade_failed',
    unsentBefore: await waitingApplications(db), detectedAt: now.toISOString(),
  };
  return { event, reported: false };
}

/** Sends the report; true once the server has it (202). */
export async function sendUpgradeFailure(record: UpgradeFailureRecord, options: { fetch?: typeof fetch; baseUrl?: string } = {}): Promise<boolean> {
  const response = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}/api/v1/device-events`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record.event),
  }).catch(() => null);
  return response?.status === 202;
}
