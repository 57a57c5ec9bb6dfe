import { describe, expect, it } from 'vitest';
import {
  MAX_SEAL_OVERHEAD_BYTES, SealError, isSealedEnvelope, isSealKey, openSealed, openSealedBytes, sealBytes, sealJson, sealedBytesKeyId, type SealKey,
} from './sealed-payload';

const ID = '019a0000-0000-7000-8000-000000000001';

async function serverKeys(keyId = 'k1'): Promise<{ key: SealKey; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { key: { keyId, publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } }, privateKey: pair.privateKey };
}

describe('sealed payloads', () => {
  it('opens with the server key to exactly what was sealed, and the envelope shows none of it', async () => {
    const { key, privateKey } = await serverKeys();
    const item = { id: ID, answers: { pinfl: '31234567890123', fullName: 'Karimova Dilnoza' } };
    const envelope = await sealJson(item, key, ID);
    expect(isSealedEnvelope(envelope)).toBe(true);
    expect(JSON.stringify(envelope)).not.toContain('31234567890123');
    expect(JSON.stringify(envelope)).not.toContain('Karimova');
    expect(await openSealed(envelope, privateKey, ID)).toEqual(item);
  });

  it('refuses a changed ciphertext, another id, or another server key', async () => {
    const { key, privateKey } = await serverKeys();
    const envelope = await sealJson({ a: 1 }, key, ID);
    const flipped = envelope.ct.slice(0, 10) + (envelope.ct[10] === 'A' ? 'B' : 'A') + envelope.ct.slice(11);
    await expect(openSealed({ ...envelope, ct: flipped }, privateKey, ID)).rejects.toBeInstanceOf(SealError);
    await expect(openSealed(envelope, privateKey, ID.replace(/1$/, '2'))).rejects.toThrow(/changed or forged/);
    const other = await serverKeys();
    await expect(openSealed(envelope, other.privateKey, ID)).rejects.toBeInstanceOf(SealError);
  });

  it('seals twice to different bytes (a fresh key pair and IV each time)', async () => {
    const { key } = await serverKeys();
    const [a, b] = await Promise.all([sealJson({ a: 1 }, key, ID), sealJson({ a: 1 }, key, ID)]);
    expect(a.ct).not.toBe(b.ct);
    expect(a.epk.x).not.toBe(b.epk.x);
  });

  it('accepts only a public P-256 key as the seal key', async () => {
    const { key } = await serverKeys();
    expect(isSealKey(key)).toBe(true);
    expect(isSealKey({ ...key, publicKey: { ...key.publicKey, d: 'secret' } })).toBe(false);
    expect(isSealKey({ ...key, keyId: 'a b' })).toBe(false);
  });

  describe('sealed bytes (photos and documents)', () => {
    const SHA = 'ab'.repeat(32);
    const photo = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251);

    it('opens to exactly the sealed bytes, adding only the compact header and tag', async () => {
      const { key, privateKey } = await serverKeys('key-1');
      const sealed = await sealBytes(photo, key, SHA);
      expect(sealed.length).toBe(photo.length + 2 + 'key-1'.length + 65 + 12 + 16);
      expect(sealed.length - photo.length).toBeLessThanOrEqual(MAX_SEAL_OVERHEAD_BYTES);
      expect(sealedBytesKeyId(sealed)).toBe('key-1');
      expect(await openSealedBytes(sealed, privateKey, SHA)).toEqual(photo);
    });

    it('refuses changed bytes, another address, or another server key', async () => {
      const { key, privateKey } = await serverKeys();
      const sealed = await sealBytes(photo, key, SHA);
      const tampered = sealed.slice();
      tampered[tampered.length - 100]! ^= 1;
      await expect(openSealedBytes(tampered, privateKey, SHA)).rejects.toBeInstanceOf(SealError);
      await expect(openSealedBytes(sealed, privateKey, 'cd'.repeat(32))).rejects.toBeInstanceOf(SealError);
      const other = await serverKeys();
      await expect(openSealedBytes(sealed, other.privateKey, SHA)).rejects.toBeInstanceOf(SealError);
      await expect(openSealedBytes(photo.subarray(0, 50), privateKey, SHA)).rejects.toBeInstanceOf(SealError);
    });
  });
});
