import { TaskQueue } from '../task-queue';

/** The writes queued per row key, in this JS context (a page or a worker). */
const queues = new Map<string, TaskQueue>();

/**
 * Runs writes to one row one after another in the order they were asked for. An encrypted row
 * is read, decrypted, changed and encrypted outside any transaction, so two keystrokes in flight
 * could otherwise land in the wrong order and the older value win.
 */
export function serialised<T>(rowKey: string, write: () => Promise<T>): Promise<T> {
  const queue = queues.get(rowKey) ?? new TaskQueue();
  queues.set(rowKey, queue);
  const run = queue.run(write);
  void queue.settled().then(() => { if (queue.idle && queues.get(rowKey) === queue) queues.delete(rowKey); });
  return run;
}
