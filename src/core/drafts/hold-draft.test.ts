import { describe, expect, it } from 'vitest';
import { holdDraft } from './hold-draft';

/**
 * An exclusive-only LockManager with the Web Locks rules this uses: a queue per name, ifAvailable
 * answers null at once when taken, steal takes it and rejects the holder's request with AbortError,
 * an aborted signal takes a waiting request out of the queue.
 */
function fakeLocks() {
  type Entry = { callback: (lock: Lock | null) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const holders = new Map<string, Entry>();
  const queues = new Map<string, Entry[]>();
  const grant = (name: string, entry: Entry) => {
    holders.set(name, entry);
    void entry.callback({ name, mode: 'exclusive' } as Lock).then((value) => {
      if (holders.get(name) === entry) { holders.delete(name); next(name); }
      entry.resolve(value);
    }, entry.reject);
  };
  const next = (name: string) => {
    const waiting = queues.get(name)?.shift();
    if (waiting) grant(name, waiting);
  };
  const request = ((name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<unknown>) => new Promise<unknown>((resolve, reject) => {
    const entry: Entry = { callback, resolve, reject };
    if (options.steal) {
      const holder = holders.get(name);
      holders.delete(name);
      holder?.reject(new DOMException('stolen', 'AbortError'));
      grant(name, entry);
      return;
    }
    if (!holders.has(name)) { grant(name, entry); return; }
    if (options.ifAvailable) { void callback(null).then(resolve, reject); return; }
    queues.set(name, [...(queues.get(name) ?? []), entry]);
    options.signal?.addEventListener('abort', () => {
      queues.set(name, (queues.get(name) ?? []).filter((e) => e !== entry));
      reject(new DOMException('aborted', 'AbortError'));
    });
  })) as LockManager['request'];
  return { request };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The same draft opened in a first tab, then in a second; `seen` records what each was told, in order. */
async function twoTabs() {
  const locks = fakeLocks();
  const seen: string[] = [];
  const first = holdDraft(locks, 'd1', (holds) => seen.push(`first ${holds}`));
  await settle();
  const second = holdDraft(locks, 'd1', (holds) => seen.push(`second ${holds}`));
  await settle();
  return { seen, first, second };
}

describe('holdDraft: one tab edits a draft at a time', () => {
  it('gives the draft to the first tab; the second shows it without editing and gets it when the first closes it', async () => {
    const { seen, first, second } = await twoTabs();
    expect(seen).toEqual(['first true', 'second false']);
    first.release();
    await settle();
    expect(seen).toEqual(['first true', 'second false', 'second true']);
    second.release();
  });

  it('lets the second tab take the draft over; the first then shows it without editing, and gets it back when the second closes it', async () => {
    const { seen, first, second } = await twoTabs();
    second.takeOver();
    await settle();
    expect(seen).toEqual(['first true', 'second false', 'second true', 'first false']);
    second.release();
    await settle();
    expect(seen.at(-1)).toBe('first true');
    first.release();
  });

  it('holds different drafts in different tabs at once', async () => {
    const locks = fakeLocks();
    const seen: string[] = [];
    holdDraft(locks, 'd1', (holds) => seen.push(`d1 ${holds}`));
    holdDraft(locks, 'd2', (holds) => seen.push(`d2 ${holds}`));
    await settle();
    expect(seen.sort()).toEqual(['d1 true', 'd2 true']);
  });
});
