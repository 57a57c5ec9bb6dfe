/**
 * A citizen's sign-in and the proofs a signed-in phone gives (docs/security.md, "Citizens"). At
 * sign-in, online, the phone makes an ECDSA P-256 key pair whose private half never leaves it (a
 * non-extractable CryptoKey), sends the public half, and the identity provider (OneID) says who the
 * person is; the server binds that key, the phone and the citizen. From then on, offline too:
 * - every application the citizen finalises carries a signature by that key over its id and the
 *   item as it travels (as an operator's proof does, delegation.ts), so the server files it under
 *   the citizen on arrival, and a copied device key alone files nothing in their name;
 * - every request that reads the citizen's applications from any of their phones carries a short
 *   signed header, fresh within minutes, bound to the method and path.
 * Sign-out, or revoking the phone from another one, ends the key on every server instance at once.
 * The same code signs on the phone and verifies on the server.
 */
import { DELEGATION_KEY_ALGORITHM, delegationDigest } from './delegation';
import { THUMBPRINT, type P256PublicJwk } from './p256-key';
import { fromBase64Url, toBase64Url } from './sealed-payload';
import { utf8Bytes, webPlatform, type CryptoKeyRef } from './web-crypto';

/** Key generation parameters of a citizen key: the operator's kind of key, made afresh for each sign-in. */
export const CITIZEN_KEY_ALGORITHM = DELEGATION_KEY_ALGORITHM;
const SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** First line of a signed application. WARNING: part of the signed format; a new layout takes a new version. */
export const CITIZEN_CONTEXT = 'xizmat citizen-v1';
/** First line of a signed read. WARNING: part of the signed format. */
export const CITIZEN_READ_CONTEXT = 'xizmat citizen-read-v1';
/** The header a signed-in phone reads its citizen's applications with: `<keyId>.<unix ms>.<signature>`. */
export const CITIZEN_HEADER = 'x-xizmat-citizen';
/**
 * How far a signed read's time may be from the server's: a phone's clock drifts, and a captured
 * header is worth little for longer (it also needs the phone's device key, and reads only).
 */
export const CITIZEN_READ_WINDOW_MS = 5 * 60_000;
/** A P-256 signature as WebCrypto makes it (r and s, 32 bytes each), in base64url. */
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
const READ_HEADER = /^([A-Za-z0-9_-]{43})\.(\d{13})\.([A-Za-z0-9_-]{86})$/;

/** Beside an own application (beside its sealed envelope when sealed): the citizen stands behind it. */
export interface CitizenProof {
  /** The RFC 7638 thumbprint of the citizen key sent at sign-in. */
  keyId: string;
  /** base64url ECDSA P-256 SHA-256 signature over citizenMessage. */
  signature: string;
}

export function isCitizenProof(value: unknown): value is CitizenProof {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const p = value as Partial<Record<keyof CitizenProof, unknown>>;
  return typeof p.keyId === 'string' && THUMBPRINT.test(p.keyId) && typeof p.signature === 'string' && SIGNATURE.test(p.signature) &&
    Object.keys(value).length === 2;
}

/** Hex SHA-256 of an item as it travels without its proofs: the operator's proof and the citizen's cover the same text. */
export function citizenDigest(wireItem: object): Promise<string> {
  return delegationDigest(wireItem);
}

function citizenMessage(id: string, keyId: string, digest: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`${CITIZEN_CONTEXT}\n${id}\n${keyId}\n${digest}`);
}

/** The proof for the item `id` whose wire digest is `digest`, signed with the citizen's private key. */
export async function signCitizen(privateKey: CryptoKeyRef, keyId: string, id: string, digest: string): Promise<CitizenProof> {
  const signature = await webPlatform.crypto.subtle.sign(SIGNATURE_ALGORITHM, privateKey, citizenMessage(id, keyId, digest));
  return { keyId, signature: toBase64Url(new Uint8Array(signature)) };
}

/** True when `proof` was made by the private half of `publicKey` for this id and digest. */
export function verifyCitizen(proof: CitizenProof, id: string, digest: string, publicKey: P256PublicJwk): Promise<boolean> {
  return verifySignature(publicKey, proof.signature, citizenMessage(id, proof.keyId, digest));
}

function readMessage(keyId: string, at: number, method: string, path: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`${CITIZEN_READ_CONTEXT}\n${keyId}\n${at}\n${method.toUpperCase()} ${path}`);
}

/** The CITIZEN_HEADER value for a `method` request to `path` (no query string) at `at` (unix ms). */
export async function citizenReadHeader(privateKey: CryptoKeyRef, keyId: string, at: number, method: string, path: string): Promise<string> {
  const signature = await webPlatform.crypto.subtle.sign(SIGNATURE_ALGORITHM, privateKey, readMessage(keyId, at, method, path));
  return `${keyId}.${at}.${toBase64Url(new Uint8Array(signature))}`;
}

export interface CitizenRead {
  keyId: string;
  at: number;
  signature: string;
}

/** The parts of a CITIZEN_HEADER value, or null when it is not one. */
export function parseCitizenRead(value: unknown): CitizenRead | null {
  if (typeof value !== 'string') return null;
  const match = READ_HEADER.exec(value);
  return match ? { keyId: match[1]!, at: Number(match[2]), signature: match[3]! } : null;
}

/** True when the read was signed by `publicKey` for this method and path, within the window of `now`. */
export async function verifyCitizenRead(read: CitizenRead, method: string, path: string, publicKey: P256PublicJwk, now: number): Promise<boolean> {
  if (Math.abs(now - read.at) > CITIZEN_READ_WINDOW_MS) return false;
  return verifySignature(publicKey, read.signature, readMessage(read.keyId, read.at, method, path));
}

async function verifySignature(publicKey: P256PublicJwk, signature: string, message: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    const key = await webPlatform.crypto.subtle.importKey('jwk', { ...publicKey }, CITIZEN_KEY_ALGORITHM, false, ['verify']);
    return await webPlatform.crypto.subtle.verify(SIGNATURE_ALGORITHM, key, fromBase64Url(signature), message);
  } catch {
    // A point not on the curve, or bytes that are not a signature: not a proof.
    return false;
  }
}

/** POST /identity/sign-ins: the key this phone made for the sign-in, and its reply key for what comes back. */
export interface CitizenSignInRequest {
  citizenKey: P256PublicJwk;
  /** The phone's reply key (reply-key.ts): a returned application of this citizen reopens on this phone sealed to it. */
  replyKey: P256PublicJwk;
}

/** Its answer: where the browser goes now; the sign-in must come back before `expiresAt`. */
export interface CitizenSignInStart {
  authorizeUrl: string;
  keyId: string;
  expiresAt: string;
  /** True when the provider is the stand-in OneID of local runs and tests, not the real one. */
  standIn: boolean;
}

/** The citizen as the identity provider vouched for them: where it is authoritative the phone does not let it be edited. */
export interface CitizenProfile {
  pinfl: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  /** E.164. */
  phone: string | null;
}

/** GET /identity/me: who this phone is signed in as. */
export interface CitizenSession {
  citizen: CitizenProfile;
  keyId: string;
  /** "oneid", "oidc" or "stand-in-oneid". */
  provider: string;
  standIn: boolean;
  signedInAt: string;
}

/** One phone the citizen is signed in on (GET /identity/phones). */
export interface CitizenPhone {
  keyId: string;
  signedInAt: string;
  /** The phone that asked. */
  thisPhone: boolean;
}

/** Where the provider's return lands in the app, and the query parameter that says how it went. */
export const SIGN_IN_RETURN_PATH = '/profile';
export const SIGN_IN_RESULT_PARAM = 'sign-in';
/** What SIGN_IN_RESULT_PARAM may say: done, or why not (the phone says each in the person's language). */
export const SIGN_IN_RESULTS = [
  'done', 'identity_cancelled', 'identity_code_refused', 'identity_provider_unreachable', 'identity_refused', 'identity_malformed',
  'sign_in_expired', 'sign_in_unknown',
] as const;
export type SignInResult = (typeof SIGN_IN_RESULTS)[number];

/** A passport's say on who may send its applications: "required" needs a signed-in citizen (or an operator's proof). */
export type IdentityRule = 'required' | 'optional';
