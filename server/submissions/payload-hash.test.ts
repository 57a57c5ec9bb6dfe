import { describe, expect, it } from 'vitest';
import { validItem } from '../test-support/submission-fixtures';
import { canonicalJson } from './canonical-json';
import { payloadHash, submissionPayload } from './payload-hash';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('keeps a "__proto__" key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
  });
});

describe('payloadHash', () => {
  const item = validItem();

  it('is sha256 hex of the canonical serviceId, formVersion and answers', () => {
    expect(payloadHash(item)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(submissionPayload(item))).toEqual({ serviceId: item.serviceId, formVersion: item.formVersion, answers: item.answers });
  });

  it('ignores key order and finalisedAt', () => {
    const reordered = { ...item, finalisedAt: '2030-01-01T00:00:00Z', answers: Object.fromEntries(Object.entries(item.answers).reverse()) };
    expect(payloadHash(reordered)).toBe(payloadHash(item));
  });

  it('changes with any answer, the service or the form version', () => {
    const base = payloadHash(item);
    expect(payloadHash({ ...item, answers: { ...item.answers, fullName: 'Dilnoza Karimova ' } })).not.toBe(base);
    expect(payloadHash({ ...item, answers: { ...item.answers, consent: false } })).not.toBe(base);
    expect(payloadHash({ ...item, formVersion: 2 })).not.toBe(base);
    expect(payloadHash({ ...item, serviceId: 'other' })).not.toBe(base);
  });
});
