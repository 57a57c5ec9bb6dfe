import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER, sealJson, type ItemResult, type SealKey, type SubmissionItem } from '../../src/contract/index';
import type { Storage } from '../storage/storage';
import { addOperator, newDeviceKey, newReplyKey, onBehalfOf, signInDelegating, vouchedSealed } from '../test-support/operator-fixtures';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { postJson, validItem } from '../test-support/submission-fixtures';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

/**
 * An item whose on-behalf part carries a list nested `depth` deep: what once overflowed the stack
 * while hashing. Deep enough for that (3,000 did), shallow enough for JSON.stringify to seal it.
 */
const SEALABLE_DEPTH = 3_500;
function deeplyNested(depth: number): SubmissionItem {
  const item = validItem({ onBehalf: onBehalfOf('some-operator') });
  let nested: unknown = 'x';
  for (let i = 0; i < depth; i++) nested = [nested];
  return { ...item, onBehalf: { ...item.onBehalf!, extra: nested } as SubmissionItem['onBehalf'] };
}

/** The same as JSON text, nested far deeper than JSON.stringify could write it. */
function deeplyNestedJson(depth: number): string {
  return JSON.stringify(deeplyNested(0)).replace('"extra":"x"', `"extra":${'['.repeat(depth)}"x"${']'.repeat(depth)}`);
}

/** A store whose saving fails for the given ids, as a lost database connection would. */
function failingFor(ids: Set<string>) {
  return (storage: Storage): Storage => new Proxy(storage, {
    get(target, name) {
      if (name === 'saveSubmission') {
        return (item: SubmissionItem, ...rest: [string, string | null]) => (ids.has(item.id) ? Promise.reject(new Error('connection lost')) : target.saveSubmission(item, ...rest));
      }
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('POST /submissions on input no phone sends', () => {
  it('answers a body of null, a number, a string or an array 400 invalid_batch', async () => {
    server = await startTestServer();
    for (const body of ['null', '5', '"items"', '[]', '{"items":null}']) {
      const response = await postJson(server.origin, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_batch');
    }
  });

  it('refuses a batch with a deeply nested on-behalf part, readable or sealed, whole and before storing its other items', async () => {
    server = await startTestServer();
    const first = validItem();
    const body = `{"items":[${JSON.stringify(first)},${deeplyNestedJson(50_000)}]}`;
    const readable = await postJson(server.origin, body, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    expect(readable.status).toBe(400);
    const key = (await (await fetch(`${server.origin}/api/v1/seal-key`)).json()) as SealKey;
    const deep = deeplyNested(SEALABLE_DEPTH);
    const sealed = await postJson(server.origin, { items: [first, { id: deep.id, sealed: await sealJson(deep, key, deep.id) }] }, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    expect(sealed.status).toBe(400);
    expect(server.rows()).toHaveLength(0);
  });

  it('refuses a sealed item with deep nesting beside its envelope and its operator\'s proof, whole and before storing anything', async () => {
    server = await startTestServer();
    const key = (await (await fetch(`${server.origin}/api/v1/seal-key`)).json()) as SealKey;
    const operatorId = await addOperator(server.storage, 'edge-operator');
    const { delegation } = await signInDelegating(server.origin, 'edge-operator', newDeviceKey());
    const item = validItem({ onBehalf: onBehalfOf(operatorId) });
    const wire = await vouchedSealed(item, key, delegation);
    // The proof covers the item as sent, extra member included: hashing it once overflowed the stack (a 500).
    const body = JSON.stringify({ items: [validItem(), { ...wire, extra: 'x' }] }).replace('"extra":"x"', `"extra":${'['.repeat(50_000)}"x"${']'.repeat(50_000)}`);
    const response = await postJson(server.origin, body, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_batch', message: 'Item 1 nests deeper than 8 levels.' });
    expect(server.rows()).toHaveLength(0);
  });

  it('refuses a reply key that is no point of P-256, readable or sealed, before storing anything (sealing the answers to it failed later)', async () => {
    server = await startTestServer();
    const key = (await (await fetch(`${server.origin}/api/v1/seal-key`)).json()) as SealKey;
    const offCurve = { ...(await newReplyKey()).publicKey, y: 'y'.repeat(43) };
    const readable = validItem({ replyKey: offCurve });
    // Answers the form refuses: a sealed item's answers go back sealed to its reply key.
    const refused = validItem({ replyKey: offCurve, answers: { ...validItem().answers, pinfl: '1' } });
    for (const item of [readable, { id: refused.id, sealed: await sealJson(refused, key, refused.id) }]) {
      const response = await postJson(server.origin, { items: [item] }, { [DEVICE_KEY_HEADER]: newDeviceKey() });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_batch');
    }
    expect(server.rows()).toHaveLength(0);
  });
});

describe('a batch\'s answer', () => {
  it('says what happened to every item when the server fails on one after storing another', async () => {
    const [stored, failed, after] = [validItem(), validItem(), validItem()];
    server = await startTestServer({ wrapStorage: failingFor(new Set([failed.id])) });
    const response = await postJson(server.origin, { items: [stored, failed, after] }, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: ItemResult[] };
    expect(results.map((r) => [r.id, r.status])).toEqual([[stored.id, 201], [failed.id, 503], [after.id, 201]]);
    expect(results[1]).toMatchObject({ error: { code: 'internal_error' } });
    expect(server.rows().map((r) => r.id).sort()).toEqual([stored.id, after.id].sort());
  });
});
