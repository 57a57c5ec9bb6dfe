import type { BlobRow, CatalogueRow, DraftRow, KeyRow, LockRow, MetaRow, OutboxRow, ResidentRow, StatusRow } from './records';

/**
 * The database as the code that also runs in the service worker sees it: the outbox flush (with its
 * photo uploads) and the status pull. The page passes its Dexie database, which has this shape as
 * it is; the service worker passes openSyncDb's, over plain IndexedDB, so that it does not carry
 * Dexie (docs/reliability.md). Keep it to what that code uses: each method here is one more thing
 * both sides must do alike, and the core tests run that code against both.
 */
export interface SyncDb extends SyncTables {
  /**
   * Runs `work` in one read-write transaction over `stores` with strict durability, writing only
   * through `tx`. `work` may await only the database: awaiting a fetch or WebCrypto lets the
   * transaction commit under it, and the call then fails rather than half-write.
   */
  transaction<R>(mode: 'rw', stores: readonly SyncStoreName[], work: (tx: SyncWriteTables) => Promise<R>): Promise<R>;
}

/** The row of each store the port reaches; every one has a string primary key. */
interface SyncRows {
  outbox: OutboxRow;
  drafts: DraftRow;
  blobs: BlobRow;
  meta: MetaRow;
  statuses: StatusRow;
  catalogue: CatalogueRow;
  keys: KeyRow;
  locks: LockRow;
  residents: ResidentRow;
}

export type SyncStoreName = keyof SyncRows;

/** Every store the port reaches: the service worker leaves alone a database that lacks one. */
export const SYNC_STORES: readonly SyncStoreName[] = ['outbox', 'drafts', 'blobs', 'meta', 'statuses', 'catalogue', 'keys', 'locks', 'residents'];

/** Outside a transaction the stores are read-only: every change is written in one transaction. */
export type SyncTables = { [Name in SyncStoreName]: SyncTable<SyncRows[Name]> };
export type SyncWriteTables = { [Name in SyncStoreName]: SyncWriteTable<SyncRows[Name]> };

export interface SyncTable<Row> {
  get(key: string): Promise<Row | undefined>;
  bulkGet(keys: string[]): Promise<(Row | undefined)[]>;
  /** Rows whose `index` holds one of `values`: by index value, then by primary key. */
  where(index: string): { anyOf(values: readonly string[]): SyncQuery<Row> };
  /** Every row `keep` keeps, by primary key. */
  filter(keep: (row: Row) => boolean): SyncQuery<Row>;
}

export interface SyncWriteTable<Row> extends SyncTable<Row> {
  put(row: Row): Promise<unknown>;
  delete(key: string): Promise<void>;
}

export interface SyncQuery<Row> {
  filter(keep: (row: Row) => boolean): SyncQuery<Row>;
  toArray(): Promise<Row[]>;
  count(): Promise<number>;
}
