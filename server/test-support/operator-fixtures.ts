import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AUTH_PATHS, DEVICE_KEY_HEADER, type OnBehalf, type TokenPair } from '../../src/contract/index';
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
export async function signIn(origin: string, username: string, deviceKey: string, password = OPERATOR_PASSWORD): Promise<TokenPair> {
  const response = await postAuth(origin, AUTH_PATHS.login, { username, password }, deviceKey);
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as TokenPair;
}

/** Who applied for whom, as a phone sends it. */
export function onBehalfOf(operatorId: string, residentName = 'Dilnoza Karimova'): OnBehalf {
  return { operatorId, resident: { name: residentName }, consent: { confirmedAt: '2026-03-01T09:29:00.000Z', method: 'typed', typedName: residentName } };
}
