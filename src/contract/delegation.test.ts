import { describe, expect, it } from 'vitest';
import { DELEGATION_KEY_ALGORITHM, delegationDigest, isDelegationProof, signDelegation, verifyDelegation } from './delegation';
import { jwkThumbprint, publicMembers, type P256PublicJwk } from './p256-key';

async function delegationKey() {
  const pair = await crypto.subtle.generateKey(DELEGATION_KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicKey = publicMembers(await crypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return { privateKey: pair.privateKey, publicKey, keyId: await jwkThumbprint(publicKey), operatorId: 'operator-1' };
}

const ID = '01935f6e-7b2a-7c3d-8e4f-0123456789ab';

describe('delegation proofs', () => {
  it('verify for the id, operator and digest they were made for, and for nothing else', async () => {
    const key = await delegationKey();
    const digest = await delegationDigest({ id: ID, sealed: { ct: 'abc' } });
    const proof = await signDelegation(key.privateKey, key, ID, digest);
    expect(isDelegationProof(proof)).toBe(true);
    expect(await verifyDelegation(proof, ID, digest, key.publicKey)).toBe(true);
    expect(await verifyDelegation(proof, '01935f6e-7b2a-7c3d-8e4f-0123456789ac', digest, key.publicKey)).toBe(false);
    expect(await verifyDelegation(proof, ID, await delegationDigest({ id: ID, sealed: { ct: 'abd' } }), key.publicKey)).toBe(false);
    expect(await verifyDelegation({ ...proof, operatorId: 'operator-2' }, ID, digest, key.publicKey)).toBe(false);
    expect(await verifyDelegation(proof, ID, digest, (await delegationKey()).publicKey)).toBe(false);
  });

  it('answer false, never throw, for a signature of the wrong length or a point off the curve', async () => {
    const key = await delegationKey();
    const digest = await delegationDigest({ id: ID });
    const proof = await signDelegation(key.privateKey, key, ID, digest);
    expect(await verifyDelegation({ ...proof, signature: 'AAAA' }, ID, digest, key.publicKey)).toBe(false);
    expect(await verifyDelegation(proof, ID, digest, { ...key.publicKey, y: key.publicKey.x })).toBe(false);
  });

  it('digest an item the same whatever order its members came in and whatever proof it carries', async () => {
    const a = await delegationDigest({ id: ID, answers: { b: '1', a: '2' }, serviceId: 's' });
    const b = await delegationDigest({ serviceId: 's', answers: { a: '2', b: '1' }, id: ID, delegation: { any: 'thing' } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await delegationDigest({ id: ID, answers: { a: '2', b: '3' }, serviceId: 's' })).not.toBe(a);
  });

  it('take only well-formed proofs', () => {
    const good = { operatorId: 'operator-1', keyId: 'k'.repeat(43), signature: 's'.repeat(86) };
    expect(isDelegationProof(good)).toBe(true);
    for (const bad of [null, [], { ...good, keyId: 'short' }, { ...good, signature: 's'.repeat(85) }, { ...good, operatorId: '' }, { ...good, operatorId: 'a b' }]) {
      expect(isDelegationProof(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
