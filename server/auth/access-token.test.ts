import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from './access-token';

const SECRET = Buffer.from('s'.repeat(32));
const claims = { sub: 'operator-1', dh: 'a'.repeat(64), fam: 'family-1', iat: 1_000, exp: 1_900 };

describe('access tokens', () => {
  it('are compact HS256 JWTs that verify until they expire', () => {
    const token = signAccessToken(claims, SECRET);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyAccessToken(token, SECRET, 1_899)).toEqual({ ok: true, claims });
    expect(verifyAccessToken(token, SECRET, 1_900)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another secret, changed claims, alg none and garbage as invalid', () => {
    const token = signAccessToken(claims, SECRET);
    expect(verifyAccessToken(token, Buffer.from('t'.repeat(32)), 1_000)).toEqual({ ok: false, reason: 'invalid' });
    const [head, , signature] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...claims, sub: 'operator-2' })).toString('base64url');
    expect(verifyAccessToken(`${head}.${changed}.${signature}`, SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyAccessToken(`${none}.${token.split('.')[1]}.`, SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyAccessToken('not a token', SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    // A token without the sign-in it belongs to cannot be ended by a sign-out: not taken.
    const { fam: _family, ...withoutFamily } = claims;
    expect(verifyAccessToken(signAccessToken(withoutFamily as typeof claims, SECRET), SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
  });
});
