import type { CitizenProof, DelegationProof, FieldProblem, Receipt, SealedReopen } from '../../contract/index';
import type { EncodedPayload, OutboxRow, OutboxState, RetryReason } from '../db/records';

/** What can happen to an outbox item. Every state change goes through `transition`. */
export type OutboxEvent =
  | { type: 'send'; at: number }
  | { type: 'delivered'; receipt: Receipt }
  | { type: 'retry'; at: number; delayMs: number; reason: RetryReason; notBefore?: number | null }
  /** reopen: what the server opened from a sealed item, sealed to this phone, so the draft can be reopened. */
  | { type: 'rejected'; code: string; fields?: FieldProblem[]; reopen?: SealedReopen }
  | { type: 'conflict' }
  | { type: 'unauthorised'; code: string }
  | { type: 'resubmit'; payload: EncodedPayload; at: number }
  /** The agency returned a delivered application; its correction goes out as the next revision. */
  | { type: 'revise'; payload: EncodedPayload; at: number }
  | { type: 'unblock'; at: number }
  /** The operator signed an on-behalf item again after its proof was refused: it goes as it was, with the new proof. */
  | { type: 'resign'; delegation: DelegationProof; at: number }
  /** The citizen signed their own application again after signing in (its proof was missing or refused): it goes as it was. */
  | { type: 'resign-citizen'; citizen: CitizenProof; at: number };

/** The allowed moves (docs/reliability.md, "The outbox: states and what each answer does"); anything else is a bug and throws. */
const ALLOWED: Record<OutboxEvent['type'], readonly OutboxState[]> = {
  send: ['queued', 'sending'],
  delivered: ['sending'],
  retry: ['sending'],
  rejected: ['sending'],
  conflict: ['sending'],
  unauthorised: ['sending'],
  resubmit: ['needs_action'],
  revise: ['delivered'],
  unblock: ['blocked'],
  resign: ['needs_action', 'blocked'],
  // From queued too: an item that waited for a sign-in (its service needs one) is signed before it first goes.
  'resign-citizen': ['needs_action', 'blocked', 'queued'],
};

export class IllegalTransition extends Error {
  constructor(readonly from: OutboxState, readonly event: OutboxEvent['type']) {
    super(`outbox: cannot ${event} an item that is ${from}`);
  }
}

/** The next version of `row` after `event`; pure, so the caller writes it in its own transaction. */
export function transition(row: OutboxRow, event: OutboxEvent): OutboxRow {
  if (!ALLOWED[event.type].includes(row.state)) throw new IllegalTransition(row.state, event.type);
  switch (event.type) {
    case 'send':
      return { ...row, state: 'sending', attempts: row.attempts + 1, lastAttemptAt: new Date(event.at).toISOString() };
    case 'delivered':
      // The payload goes: after the receipt only a summary stays on the phone.
      return { ...row, state: 'delivered', payload: null, receipt: event.receipt, problem: null, retryReason: null, notBefore: null };
    case 'retry':
      return {
        ...row, state: 'queued', nextAttemptAt: event.at + event.delayMs, retryReason: event.reason,
        notBefore: event.notBefore ?? null,
      };
    case 'rejected':
      return { ...row, state: 'needs_action', problem: event.fields ? { code: event.code, fields: event.fields } : { code: event.code } };
    case 'conflict':
      return { ...row, state: 'quarantined', problem: { code: 'id_reused' } };
    case 'unauthorised':
      return { ...row, state: 'blocked', problem: { code: event.code } };
    case 'resubmit':
      return {
        ...row, state: 'queued', payload: event.payload, problem: null, retryReason: null, notBefore: null,
        finalisedAt: new Date(event.at).toISOString(), nextAttemptAt: event.at,
      };
    case 'revise':
      // The receipt stays until the next one arrives: the application keeps its number throughout.
      return {
        ...row, state: 'queued', payload: event.payload, problem: null, retryReason: null, notBefore: null, attempts: 0,
        finalisedAt: new Date(event.at).toISOString(), nextAttemptAt: event.at,
      };
    case 'unblock':
      return { ...row, state: 'queued', problem: null, nextAttemptAt: event.at };
    case 'resign':
      return {
        ...row, state: 'queued', delegation: event.delegation, problem: null, retryReason: null, notBefore: null, nextAttemptAt: event.at,
      };
    case 'resign-citizen':
      return {
        ...row, state: 'queued', citizen: event.citizen, problem: null, retryReason: null, notBefore: null, nextAttemptAt: event.at,
      };
  }
}
