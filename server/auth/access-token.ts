import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an access token says: which operator, on which phone, in which sign-in, until when (seconds since 1970). */
export interface AccessClaims {
  sub: string;
  /** The device hash the operator signed in with. */
  dh: string;
  /** The sign-in (refresh-token family) it was issued in: it dies with it, at once. */
  fam: string;
  iat: number;
  exp: number;
}

type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

const mac = (secret: Buffer, text: string) => createHmac('sha256', secret).update(text).digest();

/** A compact HS256 JWT (RFC 7519) over `claims`. */
export function signAccessToken(claims: AccessClaims, secret: Buffer): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** Checks the signature first (constant time), then the expiry against `nowS`. */
export function verifyAccessToken(token: string, secret: Buffer, nowS: number): TokenCheck {
  const match = COMPACT.exec(token);
  if (!match || match[1] !== HEADER) return { ok: false, reason: 'invalid' };
  const signature = Buffer.from(match[3]!, 'base64url');
  const expected = mac(secret, `${match[1]}.${match[2]}`);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return { ok: false, reason: 'invalid' };
  let claims: Partial<AccessClaims>;
  try {
    claims = JSON.parse(Buffer.from(match[2]!, 'base64url').toString('utf8')) as Partial<AccessClaims>;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.sub !== 'string' || typeof claims.dh !== 'string' || typeof claims.fam !== 'string' ||
    typeof claims.exp !== 'number' || typeof claims.iat !== 'number') {
    return { ok: false, reason: 'invalid' };
  }
  if (nowS >= claims.exp) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims as AccessClaims };
}
