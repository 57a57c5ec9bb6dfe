import { DELEGATION_KEY_ALGORITHM, jwkThumbprint, publicMembers, type P256PublicJwk } from '../../contract/index';
import type { OperatorRow } from '../db/records';
import type { DelegationSigner } from '../outbox/sign-item';
import { decryptJson } from './decrypt-json';
import { encryptJson } from './encrypt-json';
import { rowAad } from './row-aad';
import type { Vault } from './vault';

/** A delegation key made for one sign-in, before the operator's PIN exists to keep it under. */
export interface NewDelegationKey {
  keyId: string;
  /** Sent with the sign-in. */
  publicKey: P256PublicJwk;
  /** Kept only under the operator's data key (keepDelegationKey), never in clear. */
  privateJwk: JsonWebKey;
}

/**
 * A fresh ECDSA P-256 pair for a sign-in (src/contract/delegation.ts). The private half leaves
 * WebCrypto once, to be encrypted under the operator's PIN-protected data key: a phone left locked
 * then cannot sign in the operator's name, whoever runs script on it; unlocked, it is a
 * non-extractable key in memory only.
 */
export async function newDelegationKey(): Promise<NewDelegationKey> {
  const pair = await crypto.subtle.generateKey(DELEGATION_KEY_ALGORITHM, true, ['sign', 'verify']);
  const publicKey = publicMembers(await crypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return { keyId: await jwkThumbprint(publicKey), publicKey, privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey) };
}

/** The stored form of the key: its private JWK under the operator's data key, bound to the operator. */
export async function keepDelegationKey(vault: Vault, operatorId: string, key: NewDelegationKey): Promise<NonNullable<OperatorRow['delegation']>> {
  return { keyId: key.keyId, wrapped: await encryptJson(vault, key.privateJwk, rowAad.delegation(operatorId)) };
}

/** The unlocked operator's signer: the kept key opened with the vault and imported non-extractable. */
export async function delegationSigner(vault: Vault, operator: Pick<OperatorRow, 'id' | 'delegation'>): Promise<DelegationSigner | null> {
  if (!operator.delegation) return null;
  const jwk = await decryptJson(vault, operator.delegation.wrapped, rowAad.delegation(operator.id)) as JsonWebKey;
  const privateKey = await crypto.subtle.importKey('jwk', jwk, DELEGATION_KEY_ALGORITHM, false, ['sign']);
  return { operatorId: operator.id, keyId: operator.delegation.keyId, privateKey };
}
