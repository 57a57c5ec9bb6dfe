import type { Ciphertext } from '../db/records';
import { decryptBytes } from './aes-gcm';
import type { Vault } from './vault';
import { VaultError } from './vault-error';

/** Decrypts what encryptJson wrote with the same `aad`; throws VaultError('tampered') otherwise. */
export async function decryptJson(vault: Vault, ciphertext: Ciphertext, aad: string): Promise<unknown> {
  const plain = await decryptBytes(vault.key, ciphertext, aad);
  try {
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new VaultError('tampered', 'not JSON');
  }
}
