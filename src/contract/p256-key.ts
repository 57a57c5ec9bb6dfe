import { fromBase64Url, toBase64Url } from './sealed-payload';
import { utf8Bytes, webPlatform } from './web-crypto';

/**
 * A P-256 public key as the phone sends it (a delegation key, a reply key): only its public
 * members, so nothing private can ride along by mistake.
 */
export type P256PublicJwk = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
};

/** A P-256 coordinate: 32 bytes, base64url without padding. */
export const P256_COORDINATE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7638 SHA-256 thumbprint: 32 bytes, base64url without padding. */
export const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;
/** P-256's field prime and the constant b of its curve y² = x³ − 3x + b (FIPS 186-4, D.1.2.3). */
const FIELD_PRIME = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const CURVE_B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

/**
 * True for a P-256 public JWK with nothing private in it (a WebCrypto export may add ext and
 * key_ops) whose point lies on the curve: WebCrypto refuses any other point, so a key that passed
 * here can always be used later (a reply key is first used when the application comes back).
 */
export function isP256PublicJwk(value: unknown): value is P256PublicJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const k = value as Partial<Record<string, unknown>>;
  return k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && P256_COORDINATE.test(k.x) &&
    typeof k.y === 'string' && P256_COORDINATE.test(k.y) && k.d === undefined && isOnCurve(k.x, k.y);
}

/** Whether (x, y), each in canonical base64url, is a point of P-256 (the point at infinity has no coordinates). */
function isOnCurve(xText: string, yText: string): boolean {
  const x = coordinate(xText);
  const y = coordinate(yText);
  if (x === null || y === null || x >= FIELD_PRIME || y >= FIELD_PRIME) return false;
  const right = (((x * x) % FIELD_PRIME) * x - 3n * x + CURVE_B) % FIELD_PRIME;
  return ((y * y - right) % FIELD_PRIME + FIELD_PRIME) % FIELD_PRIME === 0n;
}

/** A coordinate's value, or null when its text is not the one encoding of its 32 bytes (stray low bits in the last character). */
function coordinate(text: string): bigint | null {
  const bytes = fromBase64Url(text);
  if (toBase64Url(bytes) !== text) return null;
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** Only the members that name the key, in a fresh object. */
export function publicMembers(key: P256PublicJwk): P256PublicJwk {
  return { kty: 'EC', crv: 'P-256', x: key.x, y: key.y };
}

/** The key's RFC 7638 thumbprint (SHA-256, base64url): an id that names exactly this key. */
export async function jwkThumbprint(key: P256PublicJwk): Promise<string> {
  const members = `{"crv":"P-256","kty":"EC","x":"${key.x}","y":"${key.y}"}`;
  return toBase64Url(new Uint8Array(await webPlatform.crypto.subtle.digest('SHA-256', utf8Bytes(members))));
}
