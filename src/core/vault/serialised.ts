/** The last write queued per row key, in this JS context (a page or a worker). */
const tails = new Map<string, Promise<unknown>>();

/**
 * Runs writes to one row one after another in the order they were asked for. An encrypted row
 * is read, decrypted, changed and encrypted outside any transaction, so two keystrokes in flight
 * could otherwise land in the wrong order and the older value win.
 */
export function serialised<T>(rowKey: string, write: () => Promise<T>): Promise<T> {
  const run = (tails.get(rowKey) ?? Promise.resolve()).then(write, write);
  const tail = run.catch(() => undefined);
  tails.set(rowKey, tail);
  void tail.then(() => { if (tails.get(rowKey) === tail) tails.delete(rowKey); });
  return run;
}
