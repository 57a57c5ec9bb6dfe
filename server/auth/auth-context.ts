import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { ACCESS_TOKEN_TTL_S, ERROR_CODES, REFRESH_TOKEN_TTL_S, type OperatorInfo, type TokenPair } from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import type { OperatorRecord, OperatorStorage } from '../storage/operator-storage';
import { deviceHashOf } from '../submissions/device-hash';
import { signAccessToken, verifyAccessToken, type AccessClaims } from './access-token';
import type { ServerKeys } from './server-keys';

const REFRESH_TOKEN_BYTES = 32;
const BEARER = /^Bearer ([A-Za-z0-9_.-]+)$/;

/** What the operator routes share: the store, the server's keys and the clock (tests move it). */
export interface AuthContext {
  operators: OperatorStorage;
  keys: ServerKeys;
  now: () => Date;
}

/** The SHA-256 of a refresh token: all the database keeps of it. */
export const refreshTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const operatorInfo = (o: OperatorRecord): OperatorInfo => ({ id: o.id, username: o.username, displayName: o.displayName });

/** A new access token and refresh token for this operator on this phone; `familyId` is kept on rotation. */
export async function issueTokens(ctx: AuthContext, operator: OperatorRecord, deviceHash: string, familyId: string, rotate?: string): Promise<TokenPair | null> {
  const now = ctx.now();
  const nowS = Math.floor(now.getTime() / 1000);
  const refreshToken = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
  const refreshExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_S * 1000).toISOString();
  const record = {
    id: uuidv7(), familyId, operatorId: operator.id, deviceHash, tokenHash: refreshTokenHash(refreshToken),
    createdAt: now.toISOString(), expiresAt: refreshExpiresAt, revokedAt: null, rotatedTo: null,
  };
  if (rotate === undefined) await ctx.operators.insertRefreshToken(record);
  else if (!(await ctx.operators.rotateRefreshToken(rotate, record, now.toISOString()))) return null;
  const claims: AccessClaims = { sub: operator.id, dh: deviceHash, fam: familyId, iat: nowS, exp: nowS + ACCESS_TOKEN_TTL_S };
  return {
    accessToken: signAccessToken(claims, ctx.keys.tokenSecret),
    accessExpiresAt: new Date(claims.exp * 1000).toISOString(),
    refreshToken, refreshExpiresAt, operator: operatorInfo(operator),
  };
}

/** The Authorization header's bearer token, or null when there is none. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = BEARER.exec(header);
  if (!match) throw new HttpError(401, ERROR_CODES.invalidToken, 'Authorization must be "Bearer <access token>".');
  return match[1]!;
}

/**
 * The signed-in operator of a request: a valid, unexpired access token of an operator who is not
 * disabled, sent with the device key of the phone it was issued to (a copied token alone is
 * nothing), from a phone that is not revoked, in a sign-in that has not ended: sign-out ends every
 * access token of that sign-in at once, on every instance.
 */
export async function authenticate(request: FastifyRequest, ctx: AuthContext): Promise<{ operator: OperatorRecord; claims: AccessClaims }> {
  const token = bearerToken(request);
  if (token === null) throw new HttpError(401, ERROR_CODES.invalidToken, 'Sign in: this needs an operator\'s access token.');
  const checked = verifyAccessToken(token, ctx.keys.tokenSecret, Math.floor(ctx.now().getTime() / 1000));
  if (!checked.ok) {
    throw checked.reason === 'expired'
      ? new HttpError(401, ERROR_CODES.tokenExpired, 'The access token has expired; refresh it.')
      : new HttpError(401, ERROR_CODES.invalidToken, 'The access token is not valid.');
  }
  const { claims } = checked;
  if (deviceHashOf(request) !== claims.dh) throw new HttpError(401, ERROR_CODES.invalidToken, 'Send the access token with the device key of the phone it was issued to.');
  if (await ctx.operators.isDeviceRevoked(claims.dh)) throw new HttpError(403, ERROR_CODES.deviceRevoked, 'This phone has been revoked.');
  if (!(await ctx.operators.isSignInLive(claims.fam, ctx.now().toISOString()))) {
    throw new HttpError(401, ERROR_CODES.invalidToken, 'This sign-in has ended; sign in again.');
  }
  const operator = await ctx.operators.findOperator(claims.sub);
  if (!operator || operator.disabledAt !== null) throw new HttpError(401, ERROR_CODES.invalidToken, 'This operator can no longer sign in.');
  return { operator, claims };
}

export const newFamilyId = () => uuidv7();
