/**
 * A finalised application sealed to the server's public key (docs/security.md, "On the
 * phone"): ECDH P-256 with a fresh key pair per seal, HKDF-SHA-256, AES-256-GCM. The phone
 * keeps and sends only the envelope, so the service worker sends it without the PIN and nobody on
 * the phone can read it back; the application id is the additional data, so an envelope cannot be
 * replayed under another id. WebCrypto only: the same code runs in the browser and in Node.
 */

import type { CitizenProof } from './citizen';
import type { DelegationProof } from './delegation';

/** The outbox payload codec of a sealed item. WARNING: persisted and sent; never renamed. */
export const SEALED_CODEC = 'sealed-v1';
/** The HKDF info string; part of the format. */
const HKDF_INFO = 'xizmat sealed-v1';
const IV_BYTES = 12;
/** Longest ciphertext the server opens (base64url characters); a batch must still fit MAX_BODY_BYTES. */
export const MAX_SEALED_CHARS = 200_000;

/** GET /api/v1/seal-key: the server's public key the phone seals to. */
export interface SealKey {
  /** Names the server key pair, so the server can rotate keys and still open older envelopes. */
  keyId: string;
  /** ECDH P-256 public key (kty EC, crv P-256, x, y). */
  publicKey: JsonWebKey;
}

/** What travels in place of a readable application. */
export interface SealedEnvelope {
  v: 1;
  keyId: string;
  /** The sender's one-time ECDH public key. */
  epk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** base64url, 12 bytes. */
  iv: string;
  /** base64url AES-GCM ciphertext with its tag. */
  ct: string;
}

/** A batch item carrying a sealed application or feedback: the id stays readable for receipts. */
export interface SealedItem {
  id: string;
  sealed: SealedEnvelope;
  /** An on-behalf application's operator proof, beside the envelope (its digest covers id and envelope). */
  delegation?: DelegationProof;
  /** A signed-in citizen's proof, beside the envelope for the same reason (src/contract/citizen.ts). */
  citizen?: CitizenProof;
}

/** The JWK members a P-256 public key needs (the contract has no DOM types). */
export interface JsonWebKey {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  [member: string]: unknown;
}

/** A WebCrypto CryptoKey, opaque here. */
export type WebCryptoKey = object;

/**
 * The WebCrypto surface used here, typed locally: browsers, workers and Node 20 all have it on
 * globalThis, and the contract compiles without DOM or Node types.
 */
interface Subtle {
  importKey(format: string, key: unknown, algorithm: unknown, extractable: boolean, usages: string[]): Promise<WebCryptoKey>;
  generateKey(algorithm: unknown, extractable: boolean, usages: string[]): Promise<{ publicKey: WebCryptoKey; privateKey: WebCryptoKey }>;
  exportKey(format: 'jwk', key: WebCryptoKey): Promise<JsonWebKey>;
  exportKey(format: 'raw', key: WebCryptoKey): Promise<ArrayBuffer>;
  deriveBits(algorithm: unknown, key: WebCryptoKey, length: number): Promise<ArrayBuffer>;
  deriveKey(algorithm: unknown, key: WebCryptoKey, derived: unknown, extractable: boolean, usages: string[]): Promise<WebCryptoKey>;
  encrypt(algorithm: unknown, key: WebCryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: unknown, key: WebCryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
}
interface Platform {
  crypto: { subtle: Subtle; getRandomValues<T extends Uint8Array>(array: T): T };
  TextEncoder: new () => { encode(text: string): Uint8Array<ArrayBuffer> };
  TextDecoder: new () => { decode(bytes: ArrayBuffer | Uint8Array): string };
  btoa(binary: string): string;
  atob(text: string): string;
}
const platform = globalThis as unknown as Platform;
const utf8 = (text: string) => new platform.TextEncoder().encode(text);

const B64URL = /^[A-Za-z0-9_-]+$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isSealedEnvelope(value: unknown): value is SealedEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<Record<keyof SealedEnvelope, unknown>>;
  const epk = e.epk as Partial<Record<string, unknown>> | undefined;
  return (
    e.v === 1 && typeof e.keyId === 'string' && KEY_ID.test(e.keyId) &&
    typeof epk === 'object' && epk !== null && epk.kty === 'EC' && epk.crv === 'P-256' &&
    typeof epk.x === 'string' && B64URL.test(epk.x) && typeof epk.y === 'string' && B64URL.test(epk.y) &&
    typeof e.iv === 'string' && B64URL.test(e.iv) &&
    typeof e.ct === 'string' && B64URL.test(e.ct) && e.ct.length <= MAX_SEALED_CHARS
  );
}

export function isSealedItem(value: unknown): value is SealedItem {
  return typeof value === 'object' && value !== null && 'sealed' in value && isSealedEnvelope((value as SealedItem).sealed);
}

export function isSealKey(value: unknown): value is SealKey {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Partial<SealKey>;
  const jwk = k.publicKey;
  return typeof k.keyId === 'string' && KEY_ID.test(k.keyId) && typeof jwk === 'object' && jwk !== null &&
    jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string' && jwk.d === undefined;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** Seals `value` (as JSON) to the server key; `id` binds the envelope to its application. */
export async function sealJson(value: unknown, key: SealKey, id: string): Promise<SealedEnvelope> {
  const { aesKey, sender } = await senderKeys(key);
  const epk = await platform.crypto.subtle.exportKey('jwk', sender);
  const { iv, ct } = await encrypt(aesKey, utf8(JSON.stringify(value)), id);
  return { v: 1, keyId: key.keyId, epk: { kty: 'EC', crv: 'P-256', x: epk.x!, y: epk.y! }, iv: toBase64Url(iv), ct: toBase64Url(ct) };
}

/** Version byte of sealed bytes. WARNING: persisted on phones and sent; a new layout takes a new number. */
const SEALED_BYTES_VERSION = 1;
/** An uncompressed P-256 point: 0x04, x, y. */
const POINT_BYTES = 65;
const TAG_BYTES = 16;
/** Most bytes sealBytes adds: version, keyId length, the longest keyId, point, IV, tag. */
export const MAX_SEAL_OVERHEAD_BYTES = 2 + 64 + POINT_BYTES + IV_BYTES + TAG_BYTES;

/**
 * Seals a file (a photo, a document) to the server key in a compact binary layout, since photos go
 * over 2G: version (1 byte), keyId length (1) and keyId (ASCII), the sender's one-time public point
 * (65), IV (12), AES-GCM ciphertext with its tag. `aad` is the plaintext's SHA-256 hex: the
 * envelope opens only under its own address.
 */
export async function sealBytes(bytes: Uint8Array, key: SealKey, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const { aesKey, sender } = await senderKeys(key);
  const point = new Uint8Array(await platform.crypto.subtle.exportKey('raw', sender));
  const { iv, ct } = await encrypt(aesKey, bytes, aad);
  const keyId = utf8(key.keyId);
  const head = [SEALED_BYTES_VERSION, keyId.length, ...keyId, ...point, ...iv];
  const out = new Uint8Array(head.length + ct.length);
  out.set(head);
  out.set(ct, head.length);
  return out;
}

/** The keyId sealed bytes name (to pick the private key), or null when they are not sealed bytes. */
export function sealedBytesKeyId(sealed: Uint8Array): string | null {
  if (sealed.length < 2 || sealed[0] !== SEALED_BYTES_VERSION) return null;
  const end = 2 + sealed[1]!;
  if (sealed.length < end + POINT_BYTES + IV_BYTES + TAG_BYTES) return null;
  const keyId = new platform.TextDecoder().decode(sealed.subarray(2, end));
  return KEY_ID.test(keyId) ? keyId : null;
}

/** Opens sealed bytes with the server's private key (server side); throws SealError. */
export async function openSealedBytes(sealed: Uint8Array, privateKey: WebCryptoKey, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const keyId = sealedBytesKeyId(sealed);
  if (keyId === null) throw new SealError('tampered');
  const at = 2 + sealed[1]!;
  const subtle = platform.crypto.subtle;
  try {
    const sender = await subtle.importKey('raw', sealed.slice(at, at + POINT_BYTES), ECDH, false, []);
    const aesKey = await deriveKey(privateKey, sender, keyId, ['decrypt']);
    const iv = sealed.slice(at + POINT_BYTES, at + POINT_BYTES + IV_BYTES);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, aesKey, sealed.slice(at + POINT_BYTES + IV_BYTES)));
  } catch {
    throw new SealError('tampered');
  }
}

/** A one-time ECDH pair against the server key: the AES key it derives and its public half to send. */
async function senderKeys(key: SealKey): Promise<{ aesKey: WebCryptoKey; sender: WebCryptoKey }> {
  const subtle = platform.crypto.subtle;
  const serverKey = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: key.publicKey.x, y: key.publicKey.y }, ECDH, false, []);
  const pair = await subtle.generateKey(ECDH, true, ['deriveBits']);
  return { aesKey: await deriveKey(pair.privateKey, serverKey, key.keyId, ['encrypt']), sender: pair.publicKey };
}

async function encrypt(aesKey: WebCryptoKey, plain: Uint8Array, aad: string): Promise<{ iv: Uint8Array; ct: Uint8Array }> {
  const iv = platform.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await platform.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, aesKey, plain);
  return { iv, ct: new Uint8Array(ct) };
}

/** Why an envelope did not open: another server key, or it was changed on the way (or forged). */
export class SealError extends Error {
  constructor(readonly reason: 'unknown_key' | 'tampered') {
    super(reason === 'unknown_key' ? 'Sealed to a key this server does not hold.' : 'The sealed payload does not open: it was changed or forged.');
  }
}

/** Opens an envelope with the server's private key (server side); throws SealError. */
export async function openSealed(envelope: SealedEnvelope, privateKey: WebCryptoKey, id: string): Promise<unknown> {
  const subtle = platform.crypto.subtle;
  let plain: ArrayBuffer;
  try {
    const senderKey = await subtle.importKey('jwk', envelope.epk, ECDH, false, []);
    const aesKey = await deriveKey(privateKey, senderKey, envelope.keyId, ['decrypt']);
    plain = await subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(envelope.iv), additionalData: utf8(id) }, aesKey, fromBase64Url(envelope.ct));
  } catch {
    throw new SealError('tampered');
  }
  try {
    return JSON.parse(new platform.TextDecoder().decode(plain));
  } catch {
    throw new SealError('tampered');
  }
}

async function deriveKey(own: WebCryptoKey, other: WebCryptoKey, keyId: string, usages: string[]): Promise<WebCryptoKey> {
  const subtle = platform.crypto.subtle;
  const shared = await subtle.deriveBits({ name: 'ECDH', public: other }, own, 256);
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(keyId), info: utf8(HKDF_INFO) },
    hkdf, { name: 'AES-GCM', length: 256 }, false, usages,
  );
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return platform.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = platform.atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
