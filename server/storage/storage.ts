import type {
  CatalogueCategory, CatalogueDelta, DeviceEvent, Receipt, ServiceEntry, SubmissionItem, SubmissionStatus,
} from '../../src/contract/index';

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

/** The catalogue as loaded from content/, to be published into the store. */
export interface PublishedCatalogue {
  categories: CatalogueCategory[];
  services: ServiceEntry[];
}

/** Which catalogue a version number belongs to: a fresh database starts a new epoch. */
export interface CatalogueVersion {
  epoch: string;
  version: number;
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
  /**
   * Stores the catalogue the server loaded from content/ and bumps the catalogue version once when
   * any service or category differs from the stored one (a service no longer listed is removed).
   * Unchanged content keeps the version, so restarts cost devices nothing.
   */
  publishCatalogue(catalogue: PublishedCatalogue): Promise<CatalogueVersion>;
  /** The current catalogue version, or null before the first publish. */
  catalogueVersion(): Promise<CatalogueVersion | null>;
  /** What changed after version `since` of `epoch` (everything, with reset, when it cannot tell); null before the first publish. */
  catalogueChanges(since: number | null, epoch: string | null): Promise<CatalogueDelta | null>;
  /** Keeps a phone's report (e.g. its storage was evicted); the same event id twice is stored once. */
  recordDeviceEvent(event: DeviceEvent): Promise<void>;
  close(): Promise<void>;
}
