import { describe, expect, it } from 'vitest';
import { isP256PublicJwk, jwkThumbprint, publicMembers, type P256PublicJwk } from './p256-key';
import { REPLY_KEY_ALGORITHM, isSealedReopen, openReopen, sealReopen } from './reply-key';
import { sealJson } from './sealed-payload';

const ID = '01935f6e-7b2a-7c3d-8e4f-0123456789ab';
/** The base point of P-256 (FIPS 186-4, D.1.2.3): a public key whose point is known to be on the curve. */
const P256_GENERATOR = { kty: 'EC', crv: 'P-256', x: 'axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY', y: 'T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU' };

async function replyKey() {
  const pair = await crypto.subtle.generateKey(REPLY_KEY_ALGORITHM, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicKey: publicMembers(await crypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk) };
}

describe('reply keys', () => {
  it('carry answers sealed to the phone, opened only with its private key and under their application id', async () => {
    const phone = await replyKey();
    const answers = { answers: { pinfl: '31503881234567' }, raw: { fullName: 'Dilnoza' } };
    const sealed = await sealReopen(answers, phone.publicKey, ID);
    expect(JSON.stringify(sealed)).not.toContain('31503881234567');
    expect(sealed.keyId).toBe(await jwkThumbprint(phone.publicKey));
    expect(isSealedReopen({ formVersion: 1, sealed })).toBe(true);
    expect(await openReopen(sealed, phone.privateKey, ID)).toEqual(answers);
    expect(await openReopen(sealed, (await replyKey()).privateKey, ID)).toBeNull();
    expect(await openReopen(sealed, phone.privateKey, '01935f6e-7b2a-7c3d-8e4f-0123456789ac')).toBeNull();
  });

  it('open to null what is sealed to the phone but is not answers', async () => {
    const phone = await replyKey();
    const sealed = await sealJson(['not', 'answers'], { keyId: 'k', publicKey: phone.publicKey }, ID);
    expect(await openReopen(sealed, phone.privateKey, ID)).toBeNull();
  });

  it('are P-256 public keys only, with nothing private beside them', async () => {
    const { publicKey } = await replyKey();
    expect(isP256PublicJwk(publicKey)).toBe(true);
    expect(isP256PublicJwk({ ...publicKey, ext: true, key_ops: [] })).toBe(true);
    expect(isP256PublicJwk({ ...publicKey, d: publicKey.x })).toBe(false);
    expect(isP256PublicJwk({ ...publicKey, crv: 'P-384' })).toBe(false);
    expect(isP256PublicJwk({ ...publicKey, x: 'short' })).toBe(false);
  });

  it('are points of the curve: anything else would fail only when the answers come back', async () => {
    const { publicKey } = await replyKey();
    expect(isP256PublicJwk({ ...publicKey, x: 'x'.repeat(43), y: 'y'.repeat(43) })).toBe(false);
    expect(isP256PublicJwk({ ...publicKey, y: publicKey.x })).toBe(false);
    // The field prime itself: a coordinate no point has.
    expect(isP256PublicJwk({ ...publicKey, x: '_____wAAAAEAAAAAAAAAAAAAAAD___________________8' })).toBe(false);
    // The same 32 bytes with stray low bits in the last character: not the key's one encoding.
    // (43 characters carry 258 bits: the last one's two low bits are zero, so it is one of these 16.)
    const last = publicKey.x.at(-1)!;
    expect('AEIMQUYcgkosw048').toContain(last);
    expect(isP256PublicJwk({ ...publicKey, x: `${publicKey.x.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}` })).toBe(false);
    expect(isP256PublicJwk(P256_GENERATOR)).toBe(true);
  });

  it('are named by their thumbprint, whatever else a WebCrypto export added beside the key', async () => {
    const { publicKey } = await replyKey();
    const exported = { ext: true, key_ops: [], y: publicKey.y, x: publicKey.x, crv: 'P-256', kty: 'EC' } as P256PublicJwk;
    expect(await jwkThumbprint(exported)).toBe(await jwkThumbprint(publicKey));
    expect(await jwkThumbprint(publicKey)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await jwkThumbprint((await replyKey()).publicKey)).not.toBe(await jwkThumbprint(publicKey));
  });
});
