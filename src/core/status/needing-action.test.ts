import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../contract/index';
import type { OutboxRow, StatusRow } from '../db/records';
import { needingAction } from './needing-action';

let next = 0;
const item = (extra: Partial<OutboxRow>): OutboxRow => ({
  id: `0193a0c2-2222-7000-8000-${String(++next).padStart(12, '0')}`, owner: 'self', serviceId: 's', formVersion: 1, state: 'delivered',
  payload: { codec: 'json-v1', body: '{}' }, finalisedAt: '2026-11-24T10:00:00.000Z', attempts: 1,
  lastAttemptAt: null, nextAttemptAt: 0, receipt: null, problem: null, ...extra,
});
const status = (of: OutboxRow, extra: Partial<StatusRow>): StatusRow => ({
  id: of.id, owner: 'self', serviceId: of.serviceId, status: 'received', message: null, revision: 1,
  changedAt: '2026-11-25T10:00:00.000Z', number: 'XZ-2026-000001', unseen: false, ...extra,
});

describe('needingAction', () => {
  it('names each application that waits for its person, with why, in the order given', () => {
    const returned = item({});
    const refused = item({});
    const mistake = item({ state: 'needs_action', problem: { code: 'validation_failed', fields: [{ field: 'children.1.pinfl', code: 'pinfl_checksum', severity: 'error' }] } });
    const blocked = item({ state: 'blocked', problem: { code: 'http_401' } });
    const held = item({ state: 'quarantined' });
    const list = needingAction([returned, refused, mistake, blocked, held], [
      status(returned, { status: 'returned' }), status(refused, { status: 'rejected', unseen: true }),
    ]);
    expect(list.map((a) => [a.id, a.reason, a.field])).toEqual([
      [returned.id, 'returned', null], [refused.id, 'refused', null], [mistake.id, 'correct', 'children.1.pinfl'],
      [blocked.id, 'blocked', null], [held.id, 'held', null],
    ]);
  });

  it('leaves out what needs nothing: sent, in progress, a correction already queued, a refusal already read', () => {
    const waiting = item({ state: 'queued' });
    const moving = item({});
    const corrected = item({ state: 'queued' });
    const read = item({});
    expect(needingAction([waiting, moving, corrected, read], [
      status(moving, { status: 'in_progress', unseen: true }), status(corrected, { status: 'returned' }), status(read, { status: 'rejected' }),
    ])).toEqual([]);
  });

  it('an application waits for its person while its fee is open, seen or not, and no longer once paid or closed', () => {
    const invoice = (state: Invoice['state']): Invoice => ({
      reference: '260000000428', amountTiyin: 3_400_000, state, issuedAt: '2026-11-25T10:00:00.000Z', dueAt: '2026-12-05T10:00:00.000Z', payLink: null,
    });
    const unpaid = item({});
    const seen = item({});
    const paid = item({});
    const expired = item({});
    const noInvoice = item({});
    const list = needingAction([unpaid, seen, paid, expired, noInvoice], [
      status(unpaid, { status: 'awaiting_payment', unseen: true, invoice: invoice('open') }),
      status(seen, { status: 'awaiting_payment', invoice: invoice('open') }),
      status(paid, { status: 'received', invoice: invoice('paid') }),
      status(expired, { status: 'rejected', invoice: invoice('expired') }),
      status(noInvoice, { status: 'awaiting_payment' }),
    ]);
    expect(list.map((a) => [a.id, a.reason])).toEqual([[unpaid.id, 'pay'], [seen.id, 'pay']]);
  });

  it('leaves out ratings and applications carried for someone else', () => {
    expect(needingAction([item({ kind: 'feedback', state: 'blocked' }), item({ carried: true, state: 'needs_action' })], [])).toEqual([]);
  });

  it('a mistake with no answer named still needs action, with no field to go to', () => {
    expect(needingAction([item({ state: 'needs_action', problem: { code: 'unknown_service' } })], [])[0]).toMatchObject({ reason: 'correct', field: null });
  });
});
