import { AES_GCM_256 } from './aes-gcm';

/**
 * PBKDF2-HMAC-SHA256 iterations for a new or changed PIN: OWASP Password Storage Cheat Sheet's
 * current figure (600,000). Stored per lock, so raising it only affects locks made or changed after.
 */
export const PIN_KDF_ITERATIONS = 600_000;
/** PBKDF2 salt, random per lock: 128 bits (NIST SP 800-132 asks for at least that). */
export const PIN_SALT_BYTES = 16;

/** The AES-256-GCM key a PIN gives with this salt and iteration count; never stored. */
export async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, AES_GCM_256, false, ['encrypt', 'decrypt']);
}
