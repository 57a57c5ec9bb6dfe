import { describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER } from '../../src/contract/index';
import { SECURITY_HEADERS } from '../http/security-headers';
import { VALID_PINFL } from '../test-support/submission-fixtures';
import { openApiDocument } from '../openapi';
import { checkAnswer, type Checked } from './check-answer';
import type { StoreCounts } from './fuzz-world';
import { operationsOf } from './openapi-operations';
import { schemaValidator } from './schema-validator';

const document = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;
const operations = operationsOf(document);
const validator = schemaValidator(document);
const REVOKED = 'e'.repeat(64);
const counts: StoreCounts = { submissions: 3, feedback: 0, statusEvents: 1, deviceEvents: 0, refreshTokens: 2, uploads: 2 };
const goodHeaders: Record<string, string> = { ...Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([k, v]) => [k.toLowerCase(), v])), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const id = '01900000-0000-7000-8000-000000000001';

/** A batch POST answered as given; each test changes one thing. */
function batch(overrides: { status?: number; body?: unknown; headers?: Record<string, string>; after?: Partial<StoreCounts>; deviceKey?: string; items?: unknown[] } = {}): Checked {
  const items = overrides.items ?? [{ id }];
  return {
    operation: operations.find((o) => o.key === 'POST /api/v1/submissions')!,
    operations,
    request: {
      operation: 'POST /api/v1/submissions', method: 'POST', path: '/api/v1/submissions', routed: true, notes: [],
      headers: { 'content-type': 'application/json', ...(overrides.deviceKey ? { [DEVICE_KEY_HEADER]: overrides.deviceKey } : {}) },
      body: Buffer.from(JSON.stringify({ items })),
    },
    answer: {
      kind: 'answer', status: overrides.status ?? 200, headers: { ...goodHeaders, ...overrides.headers },
      body: Buffer.from(JSON.stringify(overrides.body ?? { results: [{ id, status: 201, receipt: { id, number: 'XZ-2026-000004', receivedAt: '2026-03-01T09:30:00.000Z' } }] })),
    },
    before: counts,
    after: { ...counts, submissions: counts.submissions + 1, ...overrides.after },
    revokedKey: REVOKED,
    validator,
  };
}
const kinds = (checked: Checked) => checkAnswer(checked).map((f) => f.kind);

describe('checkAnswer', () => {
  it('finds nothing wrong with a documented answer that stored what it acknowledged', () => {
    expect(checkAnswer(batch())).toEqual([]);
  });

  it('flags a 5xx', () => {
    expect(kinds(batch({ status: 500, body: { error: { code: 'internal_error', message: 'x' } }, after: counts }))).toEqual(['server-error']);
  });

  it('flags a status the operation does not document, and a body that is not the documented shape', () => {
    expect(kinds(batch({ status: 418, body: { error: { code: 'bad_request', message: 'x' } }, after: counts }))).toEqual(['undocumented-status']);
    expect(kinds(batch({ status: 400, body: { error: 'Bad Request' }, after: counts }))).toEqual(['undocumented-shape']);
  });

  it('flags a refusal that stored something, and a batch that stored more than it acknowledged', () => {
    expect(kinds(batch({ status: 400, body: { error: { code: 'invalid_batch', message: 'x' } } }))).toEqual(['stored-on-refusal']);
    expect(kinds(batch({ body: { results: [{ id, status: 422, error: { code: 'validation_failed', message: 'x' } }] } }))).toEqual(['stored-on-refusal']);
  });

  it('flags a batch answer without a result for every item, or under another id', () => {
    expect(kinds(batch({ items: [{ id }, { id: 'not-an-id' }] }))).toEqual(['batch-incomplete']);
    const other = '01900000-0000-7000-8000-000000000002';
    expect(kinds(batch({ body: { results: [{ id: other, status: 201, receipt: { id: other, number: 'XZ-2026-000004', receivedAt: '2026-03-01T09:30:00.000Z' } }] } }))).toEqual(['batch-incomplete']);
  });

  it('flags an item the server failed on, though the batch was answered 200', () => {
    const failed = { results: [{ id, status: 503, error: { code: 'internal_error', message: 'x' } }] };
    expect(kinds(batch({ body: failed, after: counts }))).toEqual(['server-error']);
  });

  it('flags answers that come back in clear, in a batch\'s answer or a status page, and lets sealed ones through', () => {
    const sealed = { v: 1, keyId: 'k', epk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, iv: 'aXY', ct: 'Y3Q' };
    const refused = (error: object) => ({ results: [{ id, status: 422, error: { code: 'validation_failed', message: 'x', fields: [], ...error } }] });
    expect(kinds(batch({ body: refused({ reopenSealed: { formVersion: 1, sealed } }), after: counts }))).toEqual([]);
    expect(kinds(batch({ body: refused({ reopen: { formVersion: 1, answers: {} } }), after: counts }))).toEqual(['answers-in-clear']);
    expect(kinds(batch({ body: refused({ message: `PINFL ${VALID_PINFL} is wrong` }), after: counts }))).toEqual(['answers-in-clear']);
    const statuses = batch({ body: { changes: [{ id, serviceId: 's', number: 'XZ-2026-000001', status: 'returned', message: null, changedAt: '2026-03-01T09:30:00.000Z', revision: 1, reopen: { formVersion: 1, answers: { pinfl: VALID_PINFL } } }], cursor: '1', more: false }, after: counts });
    statuses.operation = operations.find((o) => o.key === 'GET /api/v1/statuses')!;
    statuses.request = { ...statuses.request, operation: statuses.operation.key, method: 'GET', path: '/api/v1/statuses', body: undefined };
    expect(kinds(statuses)).toEqual(['answers-in-clear', 'answers-in-clear']);
  });

  it('flags missing security headers, a CORS grant and an error without no-store', () => {
    const withoutFraming = Object.fromEntries(Object.entries(goodHeaders).filter(([name]) => name !== 'x-frame-options'));
    const checked = batch({ status: 400, body: { error: { code: 'invalid_batch', message: 'x' } }, after: counts });
    checked.answer = { ...checked.answer, headers: { ...withoutFraming, 'access-control-allow-origin': '*', 'cache-control': 'no-cache' } } as Checked['answer'];
    expect(kinds(checked).sort()).toEqual(['cors', 'no-store', 'security-headers']);
  });

  it('flags a revoked phone that was answered as if it were not', () => {
    expect(kinds(batch({ deviceKey: REVOKED }))).toEqual(['revoked-not-refused']);
    expect(kinds(batch({ deviceKey: REVOKED, status: 403, body: { error: { code: 'device_revoked', message: 'x' } }, after: counts }))).toEqual([]);
  });

  it('takes a revoked phone\'s request that no route takes refused as anyone\'s, but not a route\'s own answer to it', () => {
    const notFound = { error: { code: 'not_found', message: 'x' } };
    const unrouted = batch({ deviceKey: REVOKED, status: 404, body: notFound, after: counts });
    unrouted.request = { ...unrouted.request, path: '/api/v1/submissions/', routed: false };
    expect(kinds(unrouted)).toEqual([]);
    const read = batch({ deviceKey: REVOKED, status: 404, body: notFound, after: counts });
    read.operation = operations.find((o) => o.key === 'GET /api/v1/submissions/{id}')!;
    read.request = { ...read.request, method: 'GET', path: `/api/v1/submissions/${id}`, body: undefined };
    expect(kinds(read)).toEqual(['revoked-not-refused']);
  });

  it('flags a 429 without the Retry-After it documents', () => {
    const limited = { status: 429, body: { error: { code: 'rate_limited', message: 'x' } }, after: counts };
    expect(kinds(batch({ ...limited, headers: { 'retry-after': '12' } }))).toEqual([]);
    expect(kinds(batch(limited))).toEqual(['undocumented-header']);
  });

  it('flags a request that got no answer in time', () => {
    expect(kinds({ ...batch({ after: counts }), answer: { kind: 'timeout' } })).toEqual(['hang']);
  });
});
