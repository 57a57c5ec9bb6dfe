import type { ApplicationStatus } from './application-status';
import type { CitizenProof } from './citizen';
import type { DelegationProof } from './delegation';
import type { ErrorCode } from './error-codes';
import type { FeedbackItem } from './feedback';
import type { Answers } from './form-definition';
import type { OnBehalf } from './operator-auth';
import type { P256PublicJwk } from './p256-key';
import type { SealedReopen } from './reply-key';
import type { SealedItem } from './sealed-payload';
import type { FieldProblem } from './validate-answers';

/** One finalised application as it travels. `id` is a UUIDv7 made when the draft started. */
export interface SubmissionItem {
  id: string;
  serviceId: string;
  formVersion: number;
  /** When the person finalised it, by the device clock (ISO 8601); informational only. */
  finalisedAt: string;
  answers: Answers;
  /**
   * What the person typed, for each text answer that normalisation changed (NFC, the Uzbek
   * apostrophes): kept beside the canonical answer for legal fields. Absent when nothing changed.
   */
  raw?: Record<string, string>;
  /**
   * 1 (or absent) for the first submission; one more for each correction after the agency
   * returned the application, which stays the same application under the same id.
   */
  revision?: number;
  /** Present when an operator applied for a resident; the server records who for whom. */
  onBehalf?: OnBehalf;
  /**
   * With onBehalf: the operator's signature over this item (src/contract/delegation.ts). A sealed
   * item carries it beside its envelope instead, so the phone can sign again without opening it.
   */
  delegation?: DelegationProof;
  /**
   * A signed-in citizen's own application: their signature over this item (src/contract/citizen.ts),
   * beside the sealed envelope like the operator's proof. Never with onBehalf.
   */
  citizen?: CitizenProof;
  /**
   * The public half of the phone's reply key (src/contract/reply-key.ts): the answers of this
   * application go back to a phone only sealed to it. Absent from older apps: no answers go back.
   */
  replyKey?: P256PublicJwk;
}

/** POST /api/v1/submissions body: applications and feedback travel in the same batches. */
export interface SubmissionBatch {
  items: (SubmissionItem | FeedbackItem)[];
}

/** Proof that the server has stored an application; the only thing that empties an outbox slot. */
export interface Receipt {
  id: string;
  /** Human-readable application number, e.g. XZ-2026-000042. */
  number: string;
  receivedAt: string;
}

/**
 * One item's answer. 403: an on-behalf application whose operator's proof is refused
 * (delegation_invalid, delegation_revoked), or an own application whose citizen's proof is missing
 * where the service needs one, or refused (identity_required, identity_invalid, identity_revoked); like 404 and 422 it is final for that item until the
 * person acts, never retried as it is. 429 (rate_limited: too many feedback items from this
 * address) and 503 (internal_error: the server failed on this item alone) are not final: the phone
 * sends the item again later, and gets its receipt then if it had been stored after all.
 */
export type ItemResult =
  | { id: string; status: 200 | 201; receipt: Receipt }
  | { id: string; status: 403 | 404 | 422; error: ApiError }
  | { id: string; status: 429 | 503; error: ApiError };

/** POST /api/v1/submissions answer: one result per item, in the order sent. */
export interface BatchResult {
  results: ItemResult[];
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  fields?: FieldProblem[];
  /**
   * Only in a per-item 422 validation_failed of a sealed item: what the server opened, sealed to
   * the reply key inside it, so the phone that made it (which cannot read its own sealed item) can
   * reopen the draft for correction, and whoever else sends the envelope reads nothing. Absent
   * when the item carried no reply key.
   */
  reopenSealed?: SealedReopen;
}

/** Every 4xx and 5xx body of the API. */
export interface ErrorBody {
  error: ApiError;
}

/** GET /api/v1/submissions/{id}. */
export interface SubmissionStatus {
  id: string;
  number: string;
  serviceId: string;
  status: ApplicationStatus;
  receivedAt: string;
  updatedAt: string;
}

/** XZ-2026-000042 for an application, FB-2026-000007 for feedback. */
const RECEIPT_NUMBER = /^(XZ|FB)-\d{4}-\d{6,}$/;

/**
 * True only when `body` is a receipt for exactly this id. A 2xx from a captive portal or a
 * proxy is not a delivery, so the outbox trusts nothing else.
 */
export function isReceiptFor(id: string, result: unknown): result is { id: string; status: 200 | 201; receipt: Receipt } {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as Partial<{ id: unknown; status: unknown; receipt: Partial<Receipt> }>;
  return (
    r.id === id &&
    (r.status === 200 || r.status === 201) &&
    typeof r.receipt === 'object' && r.receipt !== null &&
    r.receipt.id === id &&
    typeof r.receipt.number === 'string' && RECEIPT_NUMBER.test(r.receipt.number) &&
    typeof r.receipt.receivedAt === 'string'
  );
}
