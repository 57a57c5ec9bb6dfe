import { describe, expect, it } from 'vitest';
import type { OutboxRow, OutboxState } from '../db/records';
import { IllegalTransition, transition, type OutboxEvent } from './outbox-machine';

const row = (state: OutboxState): OutboxRow => ({
  id: '0193a0c2-2222-7000-8000-000000000002', owner: 'self', serviceId: 's', formVersion: 1, state,
  payload: { codec: 'json-v1', body: '{}' }, finalisedAt: '2026-11-24T10:00:00.000Z', attempts: 2,
  lastAttemptAt: null, nextAttemptAt: 0, receipt: null, problem: null,
});
const receipt = { id: '0193a0c2-2222-7000-8000-000000000002', number: 'XZ-2026-000001', receivedAt: 'x' };

const EVENTS: Record<OutboxEvent['type'], OutboxEvent> = {
  send: { type: 'send', at: 1 },
  delivered: { type: 'delivered', receipt },
  retry: { type: 'retry', at: 1, delayMs: 5, reason: 'network' },
  rejected: { type: 'rejected', code: 'validation_failed' },
  conflict: { type: 'conflict' },
  unauthorised: { type: 'unauthorised', code: 'http_401' },
  resubmit: { type: 'resubmit', payload: { codec: 'json-v1', body: '{"a":1}' }, at: 9 },
  revise: { type: 'revise', payload: { codec: 'json-v1', body: '{"a":2}' }, at: 9 },
  unblock: { type: 'unblock', at: 9 },
  resign: { type: 'resign', delegation: { operatorId: 'op-1', keyId: 'k'.repeat(43), signature: 's'.repeat(86) }, at: 9 },
  'resign-citizen': { type: 'resign-citizen', citizen: { keyId: 'c'.repeat(43), signature: 's'.repeat(86) }, at: 9 },
};

// The whole table: which event may move an item out of which state.
const TABLE: [OutboxState, OutboxEvent['type'], OutboxState | null][] = [
  ['queued', 'send', 'sending'], ['sending', 'send', 'sending'],
  ['sending', 'delivered', 'delivered'], ['sending', 'retry', 'queued'], ['sending', 'rejected', 'needs_action'],
  ['sending', 'conflict', 'quarantined'], ['sending', 'unauthorised', 'blocked'],
  ['needs_action', 'resubmit', 'queued'], ['blocked', 'unblock', 'queued'],
  ['queued', 'delivered', null], ['delivered', 'send', null], ['delivered', 'retry', null], ['delivered', 'resubmit', null],
  ['quarantined', 'send', null], ['quarantined', 'resubmit', null], ['blocked', 'send', null], ['needs_action', 'send', null],
  ['queued', 'resubmit', null], ['sending', 'unblock', null],
  ['delivered', 'revise', 'queued'], ['queued', 'revise', null], ['needs_action', 'revise', null], ['sending', 'revise', null],
  ['needs_action', 'resign', 'queued'], ['blocked', 'resign', 'queued'], ['queued', 'resign', null], ['sending', 'resign', null],
  ['delivered', 'resign', null], ['quarantined', 'resign', null],
  ['needs_action', 'resign-citizen', 'queued'], ['blocked', 'resign-citizen', 'queued'], ['queued', 'resign-citizen', 'queued'],
  ['sending', 'resign-citizen', null], ['delivered', 'resign-citizen', null], ['quarantined', 'resign-citizen', null],
];

describe('outbox state machine', () => {
  it.each(TABLE)('%s --%s--> %s', (from, event, to) => {
    if (to === null) expect(() => transition(row(from), EVENTS[event])).toThrow(IllegalTransition);
    else expect(transition(row(from), EVENTS[event]).state).toBe(to);
  });

  it('counts an attempt when sending and drops the payload on delivery', () => {
    const sending = transition(row('queued'), EVENTS.send);
    expect(sending.attempts).toBe(3);
    const delivered = transition(sending, EVENTS.delivered);
    expect(delivered).toMatchObject({ payload: null, receipt });
  });

  it('keeps the payload whenever it does not deliver', () => {
    for (const event of ['retry', 'rejected', 'conflict', 'unauthorised'] as const) {
      expect(transition(row('sending'), EVENTS[event]).payload).not.toBeNull();
    }
  });

  it('signed again, keeps the payload as it was with the new proof, and clears the problem', () => {
    const refused = { ...row('needs_action'), problem: { code: 'delegation_revoked' }, delegation: { operatorId: 'op-1', keyId: 'old', signature: 'old' } };
    const next = transition(refused, EVENTS.resign);
    expect(next).toMatchObject({ state: 'queued', payload: refused.payload, problem: null, nextAttemptAt: 9, delegation: { keyId: 'k'.repeat(43) } });
  });

  it('carries the server Retry-After separately from our own backoff', () => {
    const next = transition(row('sending'), { type: 'retry', at: 100, delayMs: 5, reason: 'busy', notBefore: 120_100 });
    expect(next).toMatchObject({ nextAttemptAt: 105, notBefore: 120_100, retryReason: 'busy' });
  });
});
