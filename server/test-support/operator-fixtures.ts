import { randomBytes, webcrypto } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import {
  AUTH_PATHS, DELEGATION_KEY_ALGORITHM, DEVICE_KEY_HEADER, REPLY_KEY_ALGORITHM, delegationDigest, jwkThumbprint, publicMembers, sealJson,
  signDelegation, type OnBehalf, type P256PublicJwk, type SealKey, type SealedItem, type SubmissionItem, type TokenPair,
} from '../../src/contract/index';
import { hashPassword } from '../auth/password-hash';
import type { Storage } from '../storage/storage';

export const OPERATOR_PASSWORD = 'correct horse battery';

/** A fresh phone's secret device key. */
export const newDeviceKey = () => randomBytes(32).toString('hex');

/** Adds an operator with OPERATOR_PASSWORD straight into the store; its id. */
export async function addOperator(storage: Storage, username: string): Promise<string> {
  const id = uuidv7();
  await storage.operators.addOperator({ id, username, displayName: `Operator ${username}`, passwordHash: await hashPassword(OPERATOR_PASSWORD), createdAt: new Date().toISOString() });
  return id;
}

export function postAuth(origin: string, path: string, body: unknown, deviceKey: string | null): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(deviceKey ? { [DEVICE_KEY_HEADER]: deviceKey } : {}) },
    body: JSON.stringify(body),
  });
}

/** Signs in and returns the token pair, failing loudly on anything but 200. */
export async function signIn(
  origin: string, username: string, deviceKey: string, password = OPERATOR_PASSWORD, delegationKey?: P256PublicJwk,
): Promise<TokenPair> {
  const response = await postAuth(origin, AUTH_PATHS.login, { username, password, ...(delegationKey ? { delegationKey } : {}) }, deviceKey);
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as TokenPair;
}

/** What a signed-in operator's phone signs on-behalf items with. */
export interface TestDelegation {
  operatorId: string;
  keyId: string;
  privateKey: webcrypto.CryptoKey;
  publicKey: P256PublicJwk;
}

/** A fresh delegation key pair, as a phone makes one at sign-in. */
export async function newDelegationKey(): Promise<Omit<TestDelegation, 'operatorId'>> {
  const pair = await webcrypto.subtle.generateKey(DELEGATION_KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicKey = publicMembers(await webcrypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return { privateKey: pair.privateKey, publicKey, keyId: await jwkThumbprint(publicKey) };
}

/** Signs in with a fresh delegation key, as the app does. */
export async function signInDelegating(origin: string, username: string, deviceKey: string): Promise<{ pair: TokenPair; delegation: TestDelegation }> {
  const key = await newDelegationKey();
  const pair = await signIn(origin, username, deviceKey, OPERATOR_PASSWORD, key.publicKey);
  return { pair, delegation: { ...key, operatorId: pair.operator.id } };
}

/** An item as it travels, readable or sealed, with the operator's proof over it (any proof it had replaced). */
export async function vouched<T extends SubmissionItem | SealedItem>(wire: T, delegation: TestDelegation): Promise<T> {
  return { ...wire, delegation: await signDelegation(delegation.privateKey, delegation, wire.id, await delegationDigest(wire)) };
}

/** An on-behalf item sealed to the server, with the operator's proof beside its envelope. */
export async function vouchedSealed(item: SubmissionItem, sealKey: SealKey, delegation: TestDelegation): Promise<SealedItem> {
  return vouched({ id: item.id, sealed: await sealJson(item, sealKey, item.id) }, delegation);
}

/** A phone's reply key pair, as the app makes one. */
export async function newReplyKey(): Promise<{ privateKey: webcrypto.CryptoKey; publicKey: P256PublicJwk }> {
  const pair = await webcrypto.subtle.generateKey(REPLY_KEY_ALGORITHM, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicKey: publicMembers(await webcrypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk) };
}

/** Who applied for whom, as a phone sends it. */
export function onBehalfOf(operatorId: string, residentName = 'Dilnoza Karimova'): OnBehalf {
  return { operatorId, resident: { name: residentName }, consent: { confirmedAt: '2026-03-01T09:29:00.000Z', method: 'typed', typedName: residentName } };
}
