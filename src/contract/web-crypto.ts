/**
 * The WebCrypto and encoding surface the contract's keys and signatures use, typed locally:
 * browsers, workers and Node 20 all have it on globalThis, and the contract compiles without DOM
 * or Node types.
 */

/** A WebCrypto CryptoKey, opaque here. */
export type CryptoKeyRef = object;

interface Subtle {
  importKey(format: 'jwk', key: unknown, algorithm: unknown, extractable: boolean, usages: string[]): Promise<CryptoKeyRef>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  sign(algorithm: unknown, key: CryptoKeyRef, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: unknown, key: CryptoKeyRef, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

interface WebPlatform {
  crypto: { subtle: Subtle };
  TextEncoder: new () => { encode(text: string): Uint8Array<ArrayBuffer> };
}

export const webPlatform = globalThis as unknown as WebPlatform;

export const utf8Bytes = (text: string) => new webPlatform.TextEncoder().encode(text);

/** Hex SHA-256 of a text's UTF-8 bytes. */
export async function sha256HexOf(text: string): Promise<string> {
  const hash = new Uint8Array(await webPlatform.crypto.subtle.digest('SHA-256', utf8Bytes(text)));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}
