import { isUuidV7 } from './uuid-v7';

/** What can happen to a phone that the server should hear of. */
export const DEVICE_EVENT_KINDS = ['storage_evicted', 'storage_upgrade_failed'] as const;

/**
 * Something about a phone that the server should know although no application carries it.
 * `storage_evicted`: the browser deleted the app's database; `unsentBefore` applications that
 * were waiting on the phone are gone with it. `storage_upgrade_failed`: a new version could not
 * upgrade the database; the app works from it as it is, and `unsentBefore` applications wait in it.
 */
export interface DeviceEvent {
  /** UUIDv7 of the event, so a resend is stored once. */
  id: string;
  deviceId: string;
  kind: (typeof DEVICE_EVENT_KINDS)[number];
  unsentBefore: number;
  detectedAt: string;
}

/** The event if `body` is a well-formed one, else null. */
export function parseDeviceEvent(body: unknown): DeviceEvent | null {
  const e = body as Partial<DeviceEvent> | null;
  if (typeof e !== 'object' || e === null) return null;
  const ok = isUuidV7(e.id) && isUuidV7(e.deviceId) && DEVICE_EVENT_KINDS.includes(e.kind as DeviceEvent['kind'])
    && Number.isInteger(e.unsentBefore) && (e.unsentBefore as number) >= 0 && (e.unsentBefore as number) < 1_000_000
    && typeof e.detectedAt === 'string' && !Number.isNaN(Date.parse(e.detectedAt));
  return ok ? { id: e.id!, deviceId: e.deviceId!, kind: e.kind!, unsentBefore: e.unsentBefore!, detectedAt: e.detectedAt! } : null;
}
