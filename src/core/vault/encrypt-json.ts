import type { Ciphertext } from '../db/records';
import { encryptBytes } from './aes-gcm';
import type { Vault } from './vault';

/** Encrypts a JSON value under the vault's data key, bound by `aad` to its row (see rowAad). */
export function encryptJson(vault: Vault, value: unknown, aad: string): Promise<Ciphertext> {
  return encryptBytes(vault.key, new TextEncoder().encode(JSON.stringify(value)), aad);
}
