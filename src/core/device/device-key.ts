import type { SyncDb } from '../db/sync-db';

/** WARNING: persistence key. Losing it means the server no longer answers this phone's status questions. */
const DEVICE_KEY_META = 'device.key';
/** 256 bits: the key is a bearer secret for this phone's statuses. */
const DEVICE_KEY_BYTES = 32;

/**
 * This phone's secret device key (contract: device-key), made on first use and kept in the
 * database beside the applications it unlocks; the page and the service worker share it.
 */
export async function deviceKey(db: SyncDb): Promise<string> {
  const found = await db.meta.get(DEVICE_KEY_META);
  if (typeof found?.value === 'string') return found.value;
  return db.transaction('rw', ['meta'], async (tx) => {
    // Checked again inside the write: the page and the worker may both be making one.
    const again = await tx.meta.get(DEVICE_KEY_META);
    if (typeof again?.value === 'string') return again.value;
    const bytes = crypto.getRandomValues(new Uint8Array(DEVICE_KEY_BYTES));
    const key = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    await tx.meta.put({ key: DEVICE_KEY_META, value: key });
    return key;
  });
}
