import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER, isReceiptFor, MAX_BATCH_ITEMS, MAX_BODY_BYTES, type ItemResult } from '../src/contract/index';
import type { Storage } from './storage/storage';
import { startTestServer, type TestServer } from './test-support/start-test-server';
import { newId, PINFL_BAD_CHECK_DIGIT, postJson, submit, TEST_DEVICE_KEY, validItem } from './test-support/submission-fixtures';

const RECEIPT_NUMBER = /^XZ-\d{4}-\d{6,}$/;
/** Long enough that a second request arrives while the first is still looking its id up. */
const SLOW_STORE_MS = 50;

/** The storage's methods bound to it, so single ones can be replaced in a test double. */
function bind(storage: Storage): Storage {
  return {
    saveSubmission: storage.saveSubmission.bind(storage),
    findReceipt: storage.findReceipt.bind(storage),
    getStatus: storage.getStatus.bind(storage),
    publishCatalogue: storage.publishCatalogue.bind(storage),
    catalogueVersion: storage.catalogueVersion.bind(storage),
    catalogueChanges: storage.catalogueChanges.bind(storage),
    recordDeviceEvent: storage.recordDeviceEvent.bind(storage),
    reviseSubmission: storage.reviseSubmission.bind(storage),
    moveStatus: storage.moveStatus.bind(storage),
    statusChanges: storage.statusChanges.bind(storage),
    findApplications: storage.findApplications.bind(storage),
    saveFeedback: storage.saveFeedback.bind(storage),
    feedbackSummaries: storage.feedbackSummaries.bind(storage),
    operators: storage.operators,
    payments: storage.payments,
    citizens: storage.citizens,
    close: storage.close.bind(storage),
  };
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('POST /api/v1/submissions', () => {
  it('stores a new application and answers 201 with a receipt for its id', async () => {
    const item = validItem();
    const response = await postJson(server.origin, { items: [item] });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [result] = ((await response.json()) as { results: ItemResult[] }).results;
    expect(result?.status).toBe(201);
    expect(isReceiptFor(item.id, result)).toBe(true);
    if (result?.status !== 201) throw new Error('not stored');
    expect(result.receipt.number).toMatch(RECEIPT_NUMBER);
    const rows = server.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: item.id, number: result.receipt.number, service_id: 'birth-certificate-copy', form_version: 1,
      finalised_at: item.finalisedAt, received_at: result.receipt.receivedAt, status: 'received',
    });
    expect(JSON.parse(rows[0]!.payload)).toEqual({ serviceId: item.serviceId, formVersion: 1, answers: item.answers });
    expect(rows[0]!.payload_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a replay of the same id and payload with 200 and the identical receipt, storing nothing new', async () => {
    const item = validItem();
    const [first] = await submit(server.origin, [item]);
    // Re-stamped and with keys in another order: still the same application.
    const reordered = { ...item, finalisedAt: '2026-03-02T10:00:00.000Z', answers: Object.fromEntries(Object.entries(item.answers).reverse()) };
    const [second] = await submit(server.origin, [reordered]);
    expect(first?.status).toBe(201);
    expect(second?.status).toBe(200);
    expect(second).toEqual({ ...first, status: 200 });
    expect(server.rows()).toHaveLength(1);
  });

  it('refuses the same id with other answers as id_reused and leaves the stored row unchanged', async () => {
    const item = validItem();
    await submit(server.origin, [item]);
    const before = server.rows();
    const [result] = await submit(server.origin, [{ ...item, answers: { ...item.answers, fullName: 'Someone Else' } }]);
    expect(result).toMatchObject({ id: item.id, status: 422, error: { code: 'id_reused' } });
    expect(server.rows()).toEqual(before);
  });

  it('keeps one row when two POSTs of the same id race, and both get the same receipt number', async () => {
    const item = validItem();
    const [a, b] = await Promise.all([submit(server.origin, [item]), submit(server.origin, [item])]);
    const statuses = [a[0]?.status, b[0]?.status].sort();
    expect(statuses).toEqual([200, 201]);
    const numbers = [a[0], b[0]].map((r) => (r && 'receipt' in r ? r.receipt.number : null));
    expect(numbers[0]).toMatch(RECEIPT_NUMBER);
    expect(numbers[1]).toBe(numbers[0]);
    expect(server.rows()).toHaveLength(1);
  });

  it('keeps one row when the race reaches the store itself (a slow store, as PostgreSQL will be)', async () => {
    await server.close();
    // Each lookup answers late, so both requests have found nothing before either one saves.
    server = await startTestServer({ wrapStorage: (storage) => ({ ...bind(storage), findReceipt: async (id) => {
      const found = await storage.findReceipt(id);
      await new Promise((resolve) => setTimeout(resolve, SLOW_STORE_MS));
      return found;
    } }) });
    const item = validItem();
    const [a, b] = await Promise.all([submit(server.origin, [item]), submit(server.origin, [item])]);
    expect([a[0]?.status, b[0]?.status].sort()).toEqual([200, 201]);
    expect(a[0] && 'receipt' in a[0] ? a[0].receipt : 'a').toEqual(b[0] && 'receipt' in b[0] ? b[0].receipt : 'b');
    expect(server.rows()).toHaveLength(1);
  });

  it('judges items independently: a good item is stored beside an invalid one, with field codes for the latter', async () => {
    const good = validItem();
    const bad = validItem({ answers: { ...validItem().answers, phone: '12345', district: '1718236', consent: false } });
    const results = await submit(server.origin, [bad, good]);
    expect(results.map((r) => r.id)).toEqual([bad.id, good.id]);
    expect(results[0]).toMatchObject({ status: 422, error: { code: 'validation_failed' } });
    const fields = results[0] && 'error' in results[0] ? results[0].error.fields : undefined;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'phone', code: 'phone_format', severity: 'error' },
        { field: 'district', code: 'district_unknown', severity: 'error' },
        { field: 'consent', code: 'consent_required', severity: 'error' },
      ]),
    );
    expect(results[1]?.status).toBe(201);
    expect(server.rows().map((r) => r.id)).toEqual([good.id]);
  });

  it('accepts an application whose only problem is a PINFL check-digit warning', async () => {
    const item = validItem({ answers: { ...validItem().answers, pinfl: PINFL_BAD_CHECK_DIGIT } });
    const [result] = await submit(server.origin, [item]);
    expect(result?.status).toBe(201);
    expect(server.rows()).toHaveLength(1);
  });

  it('answers unknown services and form versions per item with 404 and stores nothing for them', async () => {
    const results = await submit(server.origin, [
      validItem({ serviceId: 'no-such-service' }),
      validItem({ formVersion: 9 }),
    ]);
    expect(results.map((r) => [r.status, 'error' in r ? r.error.code : null])).toEqual([
      [404, 'unknown_service'],
      [404, 'unknown_form_version'],
    ]);
    expect(server.rows()).toHaveLength(0);
  });

  it('gives increasing receipt numbers to successive applications', async () => {
    const results = await submit(server.origin, [validItem(), validItem(), validItem()]);
    const numbers = results.map((r) => ('receipt' in r ? r.receipt.number : ''));
    const seqs = numbers.map((n) => Number(n.split('-')[2]));
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('accepts a gzip-compressed body, as CompressionStream sends it', async () => {
    const item = validItem();
    const response = await fetch(`${server.origin}/api/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ items: [item] })),
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: ItemResult[] };
    expect(results[0]?.status).toBe(201);
    expect(server.rows().map((r) => r.id)).toEqual([item.id]);
  });
});

describe('POST /api/v1/submissions refuses a whole request and stores nothing', () => {
  const cases: Array<[string, () => Promise<Response>, number, string]> = [
    ['malformed JSON', () => postJson(server.origin, '{"items": [ {"id": '), 400, 'malformed_json'],
    ['an empty body', () => postJson(server.origin, ''), 400, 'malformed_json'],
    ['a text/plain body', () => postJson(server.origin, JSON.stringify({ items: [validItem()] }), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
    ['a form-encoded body', () => postJson(server.origin, 'items=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
    ['a body over the limit', () => postJson(server.origin, { items: [validItem({ answers: { fullName: 'x'.repeat(MAX_BODY_BYTES) } })] }), 413, 'body_too_large'],
    ['an unknown content encoding', () => postJson(server.origin, { items: [validItem()] }, { 'content-encoding': 'br' }), 415, 'unsupported_media_type'],
    ['an item without id', () => postJson(server.origin, { items: [validItem(), { ...validItem(), id: undefined }] }), 400, 'missing_id'],
    ['an upper-case id', () => postJson(server.origin, { items: [validItem({ id: newId().toUpperCase() })] }), 400, 'invalid_id'],
    ['a UUIDv4 id', () => postJson(server.origin, { items: [validItem({ id: crypto.randomUUID() })] }), 400, 'invalid_id'],
    ['no items array', () => postJson(server.origin, { item: [] }), 400, 'invalid_batch'],
    ['an empty batch', () => postJson(server.origin, { items: [] }), 400, 'invalid_batch'],
    ['a bad formVersion', () => postJson(server.origin, { items: [validItem({ formVersion: 0 })] }), 400, 'invalid_batch'],
    ['too many items', () => postJson(server.origin, { items: Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => validItem()) }), 400, 'too_many_items'],
    ['an id twice in a batch', () => { const item = validItem(); return postJson(server.origin, { items: [item, item] }); }, 400, 'duplicate_id_in_batch'],
    ['a __proto__ key', () => postJson(server.origin, `{"items":[],"__proto__":{"x":1}}`), 400, 'malformed_json'],
  ];

  it.each(cases)('%s', async (_name, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message).toEqual(expect.any(String));
    expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);
    expect(server.rows()).toHaveLength(0);
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.origin}/api/v1/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"items":[{"pad":"');
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) req.write(chunk);
      req.end('"}]}');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('body_too_large');
    expect(server.rows()).toHaveLength(0);
  });

  it('accepts application/json with a charset parameter', async () => {
    const response = await postJson(server.origin, { items: [validItem()] }, { 'content-type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
    expect(server.rows()).toHaveLength(1);
  });

  it('leaves earlier rows untouched when a later batch is refused', async () => {
    await submit(server.origin, [validItem()]);
    const before = server.rows();
    const response = await postJson(server.origin, { items: [validItem(), validItem({ id: 'not-a-uuid' })] });
    expect(response.status).toBe(400);
    expect(server.rows()).toEqual(before);
  });
});

describe('GET /api/v1/submissions/:id', () => {
  it('gives the status of a stored application, never cached', async () => {
    const item = validItem();
    const [result] = await submit(server.origin, [item]);
    const response = await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers: { [DEVICE_KEY_HEADER]: TEST_DEVICE_KEY } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const receipt = result && 'receipt' in result ? result.receipt : null;
    expect(await response.json()).toEqual({
      id: item.id, number: receipt?.number, serviceId: 'birth-certificate-copy', status: 'received',
      receivedAt: receipt?.receivedAt, updatedAt: receipt?.receivedAt,
    });
  });

  it('answers 404 to anyone but the phone that sent it, as if it did not exist', async () => {
    const item = validItem();
    await submit(server.origin, [item]);
    const askers: Record<string, string>[] = [{}, { [DEVICE_KEY_HEADER]: 'e'.repeat(64) }, { [DEVICE_KEY_HEADER]: 'not-a-key' }];
    for (const headers of askers) {
      const response = await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
  });

  it('answers 404 not_found for an id never stored', async () => {
    const response = await fetch(`${server.origin}/api/v1/submissions/${newId()}`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('answers 400 invalid_id for something that is not a UUIDv7', async () => {
    const response = await fetch(`${server.origin}/api/v1/submissions/12345`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_id');
  });
});
