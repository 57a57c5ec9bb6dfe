import { describe, expect, it } from 'vitest';
import { signDelegation, verifyDelegation } from '../../contract/index';
import { OWNER_SELF, operatorOwner } from '../db/records';
import { testDb } from '../test-support/test-db';
import { createLock } from './create-lock';
import { delegationSigner, keepDelegationKey, newDelegationKey } from './delegation-key';

const DIGEST = 'a'.repeat(64);
const ID = '01938a4e-0000-7000-8000-000000000001';

describe('an operator\'s delegation key on the phone', () => {
  it('is kept only under the operator\'s PIN and, unlocked, signs what the public half it sent verifies', async () => {
    const db = testDb();
    const vault = await createLock(db, operatorOwner('op-1'), '271828', { iterations: 1_000 });
    const made = await newDelegationKey();
    const kept = await keepDelegationKey(vault, 'op-1', made);
    expect(JSON.stringify(kept)).not.toContain(made.privateJwk.d);
    expect(kept.keyId).toBe(made.keyId);
    const signer = (await delegationSigner(vault, { id: 'op-1', delegation: kept }))!;
    expect(signer.privateKey.extractable).toBe(false);
    const proof = await signDelegation(signer.privateKey, signer, ID, DIGEST);
    expect(await verifyDelegation(proof, ID, DIGEST, made.publicKey)).toBe(true);
  });

  it('does not open for another operator or under another owner\'s key', async () => {
    const db = testDb();
    const vault = await createLock(db, operatorOwner('op-1'), '271828', { iterations: 1_000 });
    const kept = await keepDelegationKey(vault, 'op-1', await newDelegationKey());
    await expect(delegationSigner(vault, { id: 'op-2', delegation: kept })).rejects.toMatchObject({ reason: 'tampered' });
    const other = await createLock(db, OWNER_SELF, '314159', { iterations: 1_000 });
    await expect(delegationSigner(other, { id: 'op-1', delegation: kept })).rejects.toMatchObject({ reason: 'tampered' });
    expect(await delegationSigner(vault, { id: 'op-1' })).toBeNull();
  });
});
