import { SEALED_CODEC, type SealedEnvelope, type SealedItem, type SubmissionItem } from '../../contract/index';
import type { EncodedPayload, OutboxRow } from '../db/records';

/** A payload as it travels, without any proof: readable, or its sealed envelope beside its id (docs/security.md). */
export function payloadWire(id: string, payload: EncodedPayload): SubmissionItem | SealedItem {
  return payload.codec === SEALED_CODEC ? { id, sealed: JSON.parse(payload.body) as SealedEnvelope } : (JSON.parse(payload.body) as SubmissionItem);
}

/**
 * An outbox item as it travels: its payload, and beside it an on-behalf application's operator
 * proof or a signed-in citizen's proof over their own.
 */
export function wireItem(item: OutboxRow): SubmissionItem | SealedItem {
  const wire = payloadWire(item.id, item.payload!);
  return { ...wire, ...(item.delegation ? { delegation: item.delegation } : {}), ...(item.citizen ? { citizen: item.citizen } : {}) };
}
