import type { Receipt, SubmissionItem, SubmissionStatus } from '../../src/contract/index';

export type SaveResult =
  | { kind: 'created'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  /** The id is stored already with another payload: never overwritten, never forgotten. */
  | { kind: 'conflict' };

/** A stored application's receipt and the hash of what was stored under its id. */
export interface StoredReceipt {
  receipt: Receipt;
  payloadHash: string;
}

/**
 * Where applications live. SQLite is the embedded default; a PostgreSQL adapter implements the
 * same interface for many server instances, hence Promises even where SQLite is synchronous.
 * A promise that resolves means the change is committed and durable.
 */
export interface Storage {
  /**
   * Stores the application under its client id in one transaction: insert when the id is new,
   * else compare payload hashes. Ids are never deleted, so a device weeks offline still dedups.
   */
  saveSubmission(item: SubmissionItem, payloadHash: string): Promise<SaveResult>;
  findReceipt(id: string): Promise<StoredReceipt | null>;
  getStatus(id: string): Promise<SubmissionStatus | null>;
  close(): Promise<void>;
}
