import { v7 as uuidv7 } from 'uuid';
import type { DeviceEvent } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

/**
 * WARNING: persistence keys. The canary lives outside IndexedDB (the page keeps it in
 * localStorage, which Chromium's storage-pressure eviction does not touch): when the database is
 * gone but the canary is not, the browser evicted us.
 */
export const CANARY_KEY = 'xizmat.canary';
export const DEVICE_META = 'device';
export const EVICTION_META = 'eviction';

/** Where the canary is kept; the page passes localStorage. */
export interface CanaryStore {
  get(): string | null;
  set(value: string): void;
}

interface Canary { deviceId: string; unsent: number }

export interface EvictionRecord {
  event: DeviceEvent;
  reported: boolean;
  dismissed: boolean;
}

/**
 * Run at start. A fresh database with a canary left from before means the browser deleted our
 * data: records what was lost (the canary's count of unsent applications) for the person and
 * the server. Returns the device id now in use.
 */
export async function checkStorage(db: XizmatDb, canary: CanaryStore, now = new Date()): Promise<string> {
  const device = (await db.meta.get(DEVICE_META))?.value as { id: string } | undefined;
  const before = readCanary(canary);
  if (device) {
    if (before?.deviceId !== device.id) writeCanary(canary, { deviceId: device.id, unsent: before?.unsent ?? 0 });
    return device.id;
  }
  const deviceId = uuidv7();
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: DEVICE_META, value: { id: deviceId, since: now.toISOString() } });
    if (before) {
      const event: DeviceEvent = { id: uuidv7(), deviceId: before.deviceId, kind: 'storage_evicted', unsentBefore: before.unsent, detectedAt: now.toISOString() };
      await db.meta.put({ key: EVICTION_META, value: { event, reported: false, dismissed: false } satisfies EvictionRecord });
    }
  });
  writeCanary(canary, { deviceId, unsent: 0 });
  return deviceId;
}

/** Keeps the canary's count of applications not yet on the server up to date. */
export function noteUnsent(canary: CanaryStore, deviceId: string, unsent: number): void {
  const current = readCanary(canary);
  if (current?.deviceId !== deviceId || current.unsent !== unsent) writeCanary(canary, { deviceId, unsent });
}

/** Tells the server about an eviction once; tries again on the next call until it has. */
export async function reportEviction(db: XizmatDb, options: { fetch?: typeof fetch; baseUrl?: string } = {}): Promise<void> {
  const record = (await db.meta.get(EVICTION_META))?.value as EvictionRecord | undefined;
  if (!record || record.reported) return;
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(`${options.baseUrl ?? ''}/api/v1/device-events`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record.event),
  }).catch(() => null);
  if (response?.status === 202) await db.meta.put({ key: EVICTION_META, value: { ...record, reported: true } });
}

function readCanary(canary: CanaryStore): Canary | null {
  try {
    const parsed = JSON.parse(canary.get() ?? 'null') as Canary | null;
    return parsed && typeof parsed.deviceId === 'string' && Number.isInteger(parsed.unsent) ? parsed : null;
  } catch {
    return null;
  }
}

function writeCanary(canary: CanaryStore, value: Canary): void {
  try { canary.set(JSON.stringify(value)); } catch { /* storage blocked: detection is best effort */ }
}
