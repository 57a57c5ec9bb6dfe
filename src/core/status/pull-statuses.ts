import type { SyncDb } from '../db/sync-db';
import { statusNotices, type Notice } from './status-notices';
import { syncStatuses, type StatusSyncOptions } from './sync-statuses';

interface PullOptions extends StatusSyncOptions {
  /** Shows one notification; absent or refused where the person has not allowed notifications. */
  notify?: (notice: Notice) => Promise<void>;
  /** Sets the app icon's badge; absent where the platform has no badges. */
  badge?: (count: number) => Promise<void>;
}

/**
 * One status sync with its consequences, the same in the page and in the service worker: fresh
 * changes become notifications, and the icon's badge counts what the person has not seen.
 */
export async function pullStatuses(db: SyncDb, options: PullOptions = {}): Promise<number> {
  const fresh = await syncStatuses(db, options);
  if (options.notify) for (const notice of await statusNotices(db, fresh)) await options.notify(notice).catch(() => undefined);
  const unseen = await db.statuses.filter((row) => row.unseen).count();
  await options.badge?.(unseen).catch(() => undefined);
  return fresh.length;
}
