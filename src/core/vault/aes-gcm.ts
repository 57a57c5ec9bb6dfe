import { fromBase64Url, toBase64Url } from '../../contract/index';
import type { Ciphertext } from '../db/records';
import { VaultError } from './vault-error';

/**
 * AES-GCM's standard IV, 96 bits, random per encryption (NIST SP 800-38D). Random IVs stay safe
 * below 2^32 encryptions per key; a data key sees one per saved answer, far fewer.
 */
const IV_BYTES = 12;

/** The key spec of every AES key in the vault: AES-256-GCM. */
export const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;

const utf8 = new TextEncoder();

/** Encrypts bytes; `aad` (additional data) binds the ciphertext to the row it belongs to. */
export async function encryptBytes(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, aad: string): Promise<Ciphertext> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(aad) }, key, plain);
  return { iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
}

/** Decrypts bytes; throws VaultError('tampered') when key, additional data or ciphertext do not match. */
export async function decryptBytes(key: CryptoKey, ciphertext: Ciphertext, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(ciphertext.iv), additionalData: utf8.encode(aad) }, key, fromBase64Url(ciphertext.ct),
    );
    return new Uint8Array(plain);
  } catch {
    throw new VaultError('tampered');
  }
}
