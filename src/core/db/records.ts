import type { Answers, Catalogue, FieldProblem, FormDefinition, Receipt, ServiceEntry, SoatoList } from '../../contract/index';

/** Who a draft or outbox item belongs to. A citizen on their own phone is `self`. */
export const OWNER_SELF = 'self';

export interface CatalogueRow extends ServiceEntry {}

export interface FormRow extends FormDefinition {}

export interface DraftRow {
  /** UUIDv7 made when the draft starts; it becomes the submission's idempotency key. */
  id: string;
  owner: string;
  serviceId: string;
  formVersion: number;
  answers: Answers;
  createdAt: string;
  updatedAt: string;
}

/** States of an outbox item; the table in DESIGN.md, "The outbox". */
export type OutboxState = 'queued' | 'sending' | 'delivered' | 'needs_action';

/**
 * The application body as stored on the device. A codec tag travels with it so that sealing to
 * the server's key (issue 8) slots in as a new codec, not a change of meaning.
 */
export interface EncodedPayload {
  codec: 'json-v1';
  body: string;
}

export interface OutboxRow {
  id: string;
  owner: string;
  serviceId: string;
  formVersion: number;
  state: OutboxState;
  /** Dropped once a receipt arrives: only the summary stays on the device. */
  payload: EncodedPayload | null;
  finalisedAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  /** Epoch ms before which a timer wake-up leaves the item alone. */
  nextAttemptAt: number;
  receipt: Receipt | null;
  /** Why the item needs action: an API error code and, for 422, the field problems. */
  problem: { code: string; fields?: FieldProblem[] } | null;
}

export interface RefRow {
  id: 'soato';
  data: SoatoList;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type { Catalogue };
