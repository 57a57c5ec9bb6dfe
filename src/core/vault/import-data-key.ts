import { AES_GCM_256 } from './aes-gcm';

/** An owner's data key: 256 random bits, the AES-256-GCM key of that owner's drafts and profile. */
export const DATA_KEY_BYTES = 32;

/** The data key as the vault holds it: non-extractable, so an unlocked page still cannot leak its bytes. */
export function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, AES_GCM_256, false, ['encrypt', 'decrypt']);
}
