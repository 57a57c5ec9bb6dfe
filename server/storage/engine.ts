import type { RawBuilder } from 'kysely';
import type { Db } from './schema';

/**
 * The numbers the store hands out: applications', feedback's and invoices' numbers, and the status
 * sequence that orders what phones are told. PostgreSQL takes them from its sequences; SQLite from
 * MAX + 1, which is safe because its write transactions hold the one writer lock.
 */
export const COUNTERS = {
  application: { table: 'submissions', column: 'seq', sequence: 'submissions_seq' },
  status: { table: 'submissions', column: 'status_seq', sequence: 'status_sequence' },
  feedback: { table: 'feedback', column: 'seq', sequence: 'feedback_seq' },
  invoice: { table: 'invoices', column: 'seq', sequence: 'invoices_seq' },
} as const;
export type Counter = keyof typeof COUNTERS;

/**
 * What a transaction may hold until it ends:
 * - status: while a move or a correction takes its status number and commits, so numbers commit in order;
 * - status-read: shared, while a phone's status changes are read, so no cursor passes over a number
 *   whose move has not committed yet;
 * - catalogue: while a publish compares and bumps the version, so two instances bump it once;
 * - server-key: while the first instance stores a server key, so all instances get the one stored.
 */
export type LockName = 'status' | 'status-read' | 'catalogue' | 'server-key';

/**
 * Where the two engines differ, and nothing else: the queries themselves are shared (kysely-storage.ts,
 * lifecycle.ts, catalogue.ts, operators.ts). sqlite-engine.ts and postgres-engine.ts implement it.
 */
export interface Engine {
  readonly db: Db;
  /** The next value of each counter, in one round trip; inside the write transaction that uses them. */
  next<C extends Counter>(trx: Db, ...counters: C[]): Promise<Record<C, number>>;
  /** Takes `lock` for the rest of the transaction `trx`. */
  lock(trx: Db, lock: LockName): Promise<void>;
  /** Whether SELECT … FOR UPDATE exists and is needed: PostgreSQL's row locks; SQLite has one writer. */
  readonly rowLocks: boolean;
  /** Waits for queries in flight, then closes; a second call does nothing. */
  close(): Promise<void>;
}

/** Reads each counter's next value, as `value` writes it for the engine, in one SELECT. */
export async function selectCounters<C extends Counter>(trx: Db, counters: C[], value: (counter: C) => RawBuilder<number>): Promise<Record<C, number>> {
  const row = await trx.selectNoFrom(counters.map((counter) => value(counter).as(counter))).executeTakeFirstOrThrow();
  return row as unknown as Record<C, number>;
}
