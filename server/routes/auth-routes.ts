import type { FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_CODES, isLoginRequest, jwkThumbprint, publicMembers, type P256PublicJwk, type RefreshRequest } from '../../src/contract/index';
import { issueTokens, newFamilyId, refreshTokenHash, type AuthContext } from '../auth/auth-context';
import { clearOnSuccess, lockedForSeconds, loginSubjects, recordFailure } from '../auth/login-throttle';
import { passwordCheckGate, PasswordChecksBusy, type PasswordCheckLimits } from '../auth/password-check-gate';
import { UNKNOWN_USER_HASH, verifyPassword } from '../auth/password-hash';
import { HttpError } from '../http/api-error';
import { sourceKey } from '../http/source-address';
import { deviceHashOf } from '../submissions/device-hash';

/** Sign-in bodies are small. */
const AUTH_BODY_MAX_BYTES = 2 * 1024;
const MAX_REFRESH_TOKEN_CHARS = 200;
/** When the password checks are all taken: about the time the queue takes to drain. */
const BUSY_RETRY_AFTER_S = 2;

/**
 * POST /auth/login, /auth/refresh and /auth/logout, for operators (README.md, "Operators"). Signing in binds the phone (its
 * device key) to the operator and keeps the delegation key the phone made for this sign-in;
 * refreshing rotates the refresh token, and a rotated token used again revokes every token of that
 * sign-in (someone copied it). Signing out ends the sign-in: its tokens, access tokens included,
 * and its delegation key.
 */
export async function authRoutes(app: FastifyInstance, { auth, passwordChecks }: { auth: AuthContext; passwordChecks: PasswordCheckLimits }) {
  const { operators } = auth;
  const gate = passwordCheckGate(passwordChecks);

  app.post('/auth/login', { bodyLimit: AUTH_BODY_MAX_BYTES }, async (request, reply) => {
    const deviceHash = requireDevice(deviceHashOf(request));
    if (!isLoginRequest(request.body)) throw new HttpError(400, ERROR_CODES.badRequest, 'Expected { username, password }.');
    const { username, password, delegationKey } = request.body;
    const subjects = loginSubjects(username, sourceKey(request.ip), deviceHash);
    const now = auth.now();
    const wait = await lockedForSeconds(operators, subjects, now);
    // Refused before the password is even checked: a right guess during the lock-out tells nothing.
    if (wait > 0) return tooManyAttempts(reply, wait);
    const operator = await operators.findOperatorByUsername(username);
    // An unknown user costs the same scrypt run, so the timing does not say which usernames exist.
    const passwordOk = await checkPassword(reply, () => verifyPassword(password, operator?.passwordHash ?? UNKNOWN_USER_HASH));
    if (!operator || !passwordOk || operator.disabledAt !== null) {
      await recordFailure(operators, subjects, now);
      request.log.warn({ deviceHash: deviceHash.slice(0, 12) }, 'failed operator sign-in');
      throw new HttpError(401, ERROR_CODES.invalidCredentials, 'Wrong username or password.');
    }
    await clearOnSuccess(operators, subjects);
    const familyId = newFamilyId();
    if (delegationKey && !(await keepDelegationKey(auth, delegationKey, operator.id, deviceHash, familyId))) {
      throw new HttpError(400, ERROR_CODES.badRequest, 'This delegation key is registered already; make a new one for each sign-in.');
    }
    await operators.bindDevice(deviceHash, operator.id, now.toISOString());
    return (await issueTokens(auth, operator, deviceHash, familyId))!;
  });

  /** The password check, in its turn; a clean 503 with Retry-After when too many are waiting already. */
  async function checkPassword(reply: FastifyReply, check: () => Promise<boolean>): Promise<boolean> {
    try {
      return await gate.run(check);
    } catch (error) {
      if (!(error instanceof PasswordChecksBusy)) throw error;
      void reply.header('Retry-After', String(BUSY_RETRY_AFTER_S));
      throw new HttpError(503, ERROR_CODES.serverBusy, `The server is checking many sign-ins; try again in ${BUSY_RETRY_AFTER_S} s.`);
    }
  }

  app.post('/auth/refresh', { bodyLimit: AUTH_BODY_MAX_BYTES }, async (request) => {
    const deviceHash = requireDevice(deviceHashOf(request));
    const stored = await operators.findRefreshToken(refreshTokenHash(refreshTokenOf(request.body)));
    const now = auth.now();
    if (!stored || stored.deviceHash !== deviceHash) throw invalidToken();
    if (stored.revokedAt !== null) {
      // A token already rotated, presented again: one of the two holders is not the phone. End them both.
      if (stored.rotatedTo !== null) {
        await operators.revokeRefreshFamily(stored.familyId, now.toISOString());
        request.log.warn({ familyId: stored.familyId }, 'a rotated refresh token was used again; its family is revoked');
      }
      throw invalidToken();
    }
    if (Date.parse(stored.expiresAt) <= now.getTime()) throw invalidToken();
    const operator = await operators.findOperator(stored.operatorId);
    if (!operator || operator.disabledAt !== null) throw invalidToken();
    const pair = await issueTokens(auth, operator, deviceHash, stored.familyId, stored.id);
    if (pair) return pair;
    // Another request rotated it between our read and our write: the same reuse.
    await operators.revokeRefreshFamily(stored.familyId, now.toISOString());
    throw invalidToken();
  });

  app.post('/auth/logout', { bodyLimit: AUTH_BODY_MAX_BYTES }, async (request, reply) => {
    const stored = await operators.findRefreshToken(refreshTokenHash(refreshTokenOf(request.body)));
    // The whole sign-in: its access tokens and its delegation key die with its refresh tokens.
    if (stored) await operators.revokeRefreshFamily(stored.familyId, auth.now().toISOString());
    return reply.code(204).send();
  });
}

/** Keeps the sign-in's delegation key; false when its keyId is taken (a key is made afresh for each sign-in). */
async function keepDelegationKey(auth: AuthContext, key: P256PublicJwk, operatorId: string, deviceHash: string, familyId: string): Promise<boolean> {
  const publicKey = publicMembers(key);
  return auth.operators.addDelegationKey({
    keyId: await jwkThumbprint(publicKey), operatorId, deviceHash, familyId, publicKey, createdAt: auth.now().toISOString(),
  });
}

function requireDevice(deviceHash: string | null): string {
  if (!deviceHash) throw new HttpError(401, ERROR_CODES.deviceKeyRequired, 'Send this phone\'s device key.');
  return deviceHash;
}

function refreshTokenOf(body: unknown): string {
  const token = (body as Partial<RefreshRequest> | null)?.refreshToken;
  if (typeof token !== 'string' || token === '' || token.length > MAX_REFRESH_TOKEN_CHARS) {
    throw new HttpError(400, ERROR_CODES.badRequest, 'Expected { refreshToken }.');
  }
  return token;
}

const invalidToken = () => new HttpError(401, ERROR_CODES.invalidToken, 'The refresh token is not valid; sign in again.');

function tooManyAttempts(reply: FastifyReply, waitS: number) {
  void reply.header('Retry-After', String(waitS));
  throw new HttpError(429, ERROR_CODES.tooManyAttempts, `Too many failed sign-ins; try again in ${waitS} s.`);
}
