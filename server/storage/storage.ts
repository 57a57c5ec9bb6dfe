import type {
  ApplicationStatus, CatalogueCategory, CatalogueDelta, DeviceEvent, FeedbackItem, FeedbackSummary, OnBehalf, P256PublicJwk, Receipt,
  ReopenedAnswers, ServiceEntry, StatusChange, StatusMessage, SubmissionItem, SubmissionStatus,
} from '../../src/contract/index';
import type { CitizenStorage } from './citizen-storage';
import type { OperatorStorage } from './operator-storage';
import type { PaymentStorage, StoredInvoice } from './payment-storage';

export type SaveResult =
  | { kind: 'created'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  /** The id is stored already with another payload: never overwritten, never forgotten. */
  | { kind: 'conflict' };

/** A stored application's receipt and the hash of what was stored under its id. */
export interface StoredReceipt {
  receipt: Receipt;
  payloadHash: string;
  /** Which correction of the application is stored: 1 for the first submission. */
  revision: number;
  status: ApplicationStatus;
  /** The hash of the device key it came with (null for an app older than device keys): who may read it. */
  deviceHash: string | null;
  /** The operator who applied for a resident, who may read it with a Bearer token; null otherwise. */
  operatorId: string | null;
  /** The signed-in citizen whose own application it is, who may correct it from any of their phones; null otherwise. */
  citizenId: string | null;
}

/** What a corrected resubmission did. */
export type ReviseResult =
  | { kind: 'revised'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  /** The application is not (or no longer) returned for correction at the revision before this one. */
  | { kind: 'not_returned' }
  | { kind: 'not_found' };

/** The agency moves an application, found by its id, its number or its local reference. */
export interface StatusMove {
  application: string;
  to: ApplicationStatus;
  message: StatusMessage | null;
  /** Who did it, for the audit trail: "admin-cli", "back-office", "automated". */
  actor: string;
}

/**
 * A status change as the store reads it: a returned application's answers in clear, with the reply
 * key it carried. They leave the server only sealed to that key (routes/status-routes.ts).
 */
export interface StoredStatusChange extends Omit<StatusChange, 'reopenSealed' | 'invoice'> {
  /** The citizen whose own application it is (never sent): a returned one reopens sealed to the phone that asks. */
  citizenId?: string | null;
  reopen?: { formVersion: number; replyKey: P256PublicJwk | null } & ReopenedAnswers;
  /** The application's invoice; the route adds the pay link the server's provider settings make. */
  invoice?: StoredInvoice;
}

export type MoveResult =
  | { kind: 'moved'; change: StoredStatusChange }
  | { kind: 'not_found' }
  | { kind: 'invalid'; from: ApplicationStatus };

/** One page of status changes for one phone; `cursor` is where the next page starts. */
export interface StatusPage {
  changes: StoredStatusChange[];
  cursor: number;
  more: boolean;
}

/** One row of the back office's list. */
export interface ApplicationSummary {
  id: string;
  number: string;
  localReference: string | null;
  serviceId: string;
  status: ApplicationStatus;
  revision: number;
  receivedAt: string;
  updatedAt: string;
  message: StatusMessage | null;
  /** The operator who applied for a resident, the resident and their consent; null for a person's own. */
  onBehalf: OnBehalf | null;
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
 * Where applications live. SQLite is the embedded default; PostgreSQL serves many server instances.
 * Both run the same queries (kysely-storage.ts), hence Promises even where SQLite is synchronous.
 * A promise that resolves means the change is committed and durable.
 */
export interface Storage {
  /**
   * Stores the application under its client id in one transaction: insert when the id is new,
   * else compare payload hashes. Ids are never deleted, so a device weeks offline still dedups.
   * An item with onBehalf (checked by the caller) is stored with its operator and the resident's
   * name and consent as received; its reply key (if any) is kept to seal its answers to later.
   * With a fee (in tiyin), it is stored awaiting payment with its invoice, in the same transaction.
   */
  saveSubmission(item: SubmissionItem, payloadHash: string, deviceHash?: string | null, feeTiyin?: number | null, citizenId?: string | null): Promise<SaveResult>;
  findReceipt(id: string): Promise<StoredReceipt | null>;
  getStatus(id: string): Promise<SubmissionStatus | null>;
  /**
   * Stores a corrected application (revision n+1) under its id, in one transaction that checks it
   * is still "returned" at revision n; the same revision again with the same payload is a replay.
   * The application keeps its number and goes back to "received"; the correction's reply key, when
   * it carries one, replaces the one kept.
   */
  reviseSubmission(item: SubmissionItem & { revision: number }, payloadHash: string): Promise<ReviseResult>;
  /**
   * Moves an application through the lifecycle (src/contract/application-status) in one transaction,
   * with an audit row; gives it the next status sequence number, so every phone sees the change once.
   */
  moveStatus(move: StatusMove): Promise<MoveResult>;
  /**
   * Current statuses of the applications sent with this device key's hash whose status changed
   * after `since`, oldest change first. Status sequence numbers of agency moves are handed out in
   * commit order (a writer lock), so a cursor never skips a change committed after it was read.
   */
  statusChanges(deviceHash: string, since: number, limit: number, citizenId?: string | null): Promise<StatusPage>;
  /** The back office's list: newest first, optionally one status, or matching a number, id or local reference. */
  findApplications(query: { status?: ApplicationStatus; text?: string; limit: number }): Promise<ApplicationSummary[]>;
  /** Keeps one feedback item under its id (idempotent like applications); its receipt number is FB-…. */
  saveFeedback(item: FeedbackItem, payloadHash: string, deviceHash: string | null): Promise<SaveResult>;
  /** Count, average and distribution of ratings per service, services with feedback only. */
  feedbackSummaries(): Promise<FeedbackSummary[]>;
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
  /** Operators, their tokens and phones, sign-in failures and the server's keys. */
  readonly operators: OperatorStorage;
  /** Invoices and the payment provider's transactions. */
  readonly payments: PaymentStorage;
  readonly citizens: CitizenStorage;
  close(): Promise<void>;
}
