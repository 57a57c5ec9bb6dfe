import { toBase64Url } from './sealed-payload';
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
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7638 SHA-256 thumbprint: 32 bytes, base64url without padding. */
export const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** True for a P-256 public JWK with nothing private in it (a WebCrypto export may add ext and key_ops). */
export function isP256PublicJwk(value: unknown): value is P256PublicJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const k = value as Partial<Record<string, unknown>>;
  return k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && COORDINATE.test(k.x) &&
    typeof k.y === 'string' && COORDINATE.test(k.y) && k.d === undefined;
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
