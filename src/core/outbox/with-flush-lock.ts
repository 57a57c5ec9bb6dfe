import { TaskQueue } from '../task-queue';

/** WARNING: shared by the page and the service worker; both must use the same name. */
const FLUSH_LOCK_NAME = 'xizmat-outbox-flush';

const local = new TaskQueue();
let localHeld = false;

/**
 * Runs `work` only if no other sender (another tab or the service worker) is flushing; returns
 * undefined without waiting when one is. Web Locks span every context of the origin; where they
 * are missing (Node tests) a module-level flag gives the same one-at-a-time rule in-process.
 */
export async function withFlushLock<T>(work: () => Promise<T>): Promise<T | undefined> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) {
    return locks.request(FLUSH_LOCK_NAME, { ifAvailable: true }, async (lock: Lock | null) => (lock ? work() : undefined));
  }
  if (localHeld) return undefined;
  localHeld = true;
  return local.run(work).finally(() => { localHeld = false; });
}
