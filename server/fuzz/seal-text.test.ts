import { describe, expect, it } from 'vitest';
import { openSealed, SealError } from '../../src/contract/index';
import { deeplyNested, jsonText } from './json-text';
import { sealText } from './seal-text';

async function serverKeyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, sealKey: { keyId: 'test-key', publicKey: { kty, crv, x, y } } };
}

describe('sealText', () => {
  it('seals JSON text into an envelope the server opens under its id', async () => {
    const { privateKey, sealKey } = await serverKeyPair();
    const envelope = await sealText('{"answers":{"fullName":"Dilnoza"}}', sealKey, 'item-1');
    expect(await openSealed(envelope, privateKey, 'item-1')).toEqual({ answers: { fullName: 'Dilnoza' } });
    await expect(openSealed(envelope, privateKey, 'item-2')).rejects.toBeInstanceOf(SealError);
  });

  it('seals nesting deeper than JSON.stringify can write', async () => {
    const { privateKey, sealKey } = await serverKeyPair();
    const text = jsonText({ onBehalf: { extra: deeplyNested(10_000, 'object') } });
    expect(() => JSON.stringify(JSON.parse(text))).toThrow(RangeError);
    const opened = await openSealed(await sealText(text, sealKey, 'item-1'), privateKey, 'item-1') as { onBehalf: { extra: unknown } };
    let depth = 0;
    for (let node: unknown = opened.onBehalf.extra; typeof node === 'object' && node !== null; node = (node as { a: unknown }).a) depth++;
    expect(depth).toBe(10_000);
  });
});
