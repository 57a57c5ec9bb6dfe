import { describe, expect, it } from 'vitest';
import { MAX_ITEM_DEPTH, MAX_RAW_CHARS } from './limits';
import { parseBatch } from './parse-batch';
import { isReceiptFor } from './submissions';

const ID = '0193a0c2-2222-7000-8000-000000000002';
/** The base point of P-256 (FIPS 186-4, D.1.2.3), a point on the curve, as a public JWK. */
const P256_POINT = { kty: 'EC', crv: 'P-256', x: 'axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY', y: 'T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU' };
const item = { id: ID, serviceId: 'birth-certificate-copy', formVersion: 1, finalisedAt: '2026-11-24T10:00:00Z', answers: { a: 'b', c: true } };

describe('parseBatch', () => {
  it('accepts a well-formed batch', () => expect(parseBatch({ items: [item] }).ok).toBe(true));
  it('accepts an operator\'s proof and a reply key of the right shape', () => {
    const replyKey = P256_POINT;
    const delegation = { operatorId: 'op-1', keyId: 'k'.repeat(43), signature: 's'.repeat(86) };
    expect(parseBatch({ items: [{ ...item, replyKey, delegation }] }).ok).toBe(true);
  });
  it.each([
    [null, 'invalid_batch'],
    [{ items: [] }, 'invalid_batch'],
    [{ items: [{ ...item, id: undefined }] }, 'missing_id'],
    [{ items: [{ ...item, id: 'not-a-uuid' }] }, 'invalid_id'],
    [{ items: [{ ...item, id: '0193a0c2-2222-4000-8000-000000000002' }] }, 'invalid_id'],
    [{ items: [item, item] }, 'duplicate_id_in_batch'],
    [{ items: [{ ...item, formVersion: 0 }] }, 'invalid_batch'],
    [{ items: [{ ...item, answers: { a: 1 } }] }, 'invalid_batch'],
    [{ items: Array.from({ length: 51 }, () => item) }, 'too_many_items'],
    [{ items: [{ ...item, delegation: { operatorId: 'op-1', keyId: 'short', signature: 's'.repeat(86) } }] }, 'invalid_batch'],
    [{ items: [{ ...item, replyKey: { ...P256_POINT, d: 'd'.repeat(43) } }] }, 'invalid_batch'],
    [{ items: [{ ...item, replyKey: { ...P256_POINT, y: P256_POINT.x } }] }, 'invalid_batch'],
  ])('refuses %j with %s', (body, code) => {
    const parsed = parseBatch(body);
    expect(parsed.ok ? null : parsed.error.code).toBe(code);
  });
});

describe('isReceiptFor', () => {
  const receipt = { id: ID, number: 'XZ-2026-000042', receivedAt: '2026-11-24T10:00:01Z' };
  it('accepts a receipt echoing the id', () => expect(isReceiptFor(ID, { id: ID, status: 201, receipt })).toBe(true));
  it.each([
    ['another id', { id: ID, status: 201, receipt: { ...receipt, id: '0193a0c2-2222-7000-8000-000000000003' } }],
    ['a bad number', { id: ID, status: 200, receipt: { ...receipt, number: '42' } }],
    ['an error status', { id: ID, status: 422, receipt }],
    ['an HTML page', '<html></html>'],
  ])('refuses %s', (_name, result) => expect(isReceiptFor(ID, result)).toBe(false));
});

describe('parseBatch, raw input', () => {
  it('accepts what was typed for answered text fields', () => {
    expect(parseBatch({ items: [{ ...item, raw: { a: "b'" } }] }).ok).toBe(true);
  });
  it.each([[{ zzz: 'x' }], [{ c: 'x' }], [{ a: 1 }], [[]]])('refuses raw %j', (raw) => {
    const parsed = parseBatch({ items: [{ ...item, raw }] });
    expect(parsed.ok ? null : parsed.error.code).toBe('invalid_batch');
  });
});

describe('parseBatch, bounds', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);

  it('refuses an item nested deeper than MAX_ITEM_DEPTH anywhere, an on-behalf part included, without recursing through it', () => {
    const deep = (levels: number) => ({ ...item, onBehalf: { operatorId: 'op', resident: { name: 'A' }, consent: { method: 'typed', typedName: 'A', confirmedAt: '2026-11-24T10:00:00Z' }, extra: nested(levels) } });
    expect(parseBatch({ items: [deep(MAX_ITEM_DEPTH - 2)] }).ok).toBe(true);
    const refused = parseBatch({ items: [deep(MAX_ITEM_DEPTH - 1)] });
    expect(refused.ok ? null : refused.error).toEqual({ code: 'invalid_batch', message: `Item 0 nests deeper than ${MAX_ITEM_DEPTH} levels.` });
    let hugelyDeep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) hugelyDeep = [hugelyDeep];
    expect(parseBatch({ items: [{ ...item, extra: hugelyDeep }] }).ok).toBe(false);
  });

  it('takes raw input up to MAX_RAW_CHARS characters and refuses longer', () => {
    const answers = { a: 'x'.repeat(10) };
    expect(parseBatch({ items: [{ ...item, answers, raw: { a: 'y'.repeat(MAX_RAW_CHARS) } }] }).ok).toBe(true);
    expect(parseBatch({ items: [{ ...item, answers, raw: { a: 'y'.repeat(MAX_RAW_CHARS + 1) } }] }).ok).toBe(false);
  });
});
