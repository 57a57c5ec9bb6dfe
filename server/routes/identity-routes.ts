import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ERROR_CODES, SIGN_IN_RESULT_PARAM, SIGN_IN_RETURN_PATH, isP256PublicJwk, jwkThumbprint, publicMembers, type CitizenPhone, type CitizenSession,
  type CitizenSignInRequest, type CitizenSignInStart, type SignInResult,
} from '../../src/contract/index';
import { NO_STORE } from '../http/cache-control';
import { HttpError } from '../http/api-error';
import { citizenCaller } from '../identity/citizen-caller';
import { IdentityError, type IdentityProvider } from '../identity/identity-provider';
import type { CitizenKeyRecord, CitizenStorage } from '../storage/citizen-storage';
import { deviceHashOf } from '../submissions/device-hash';

/** Sign-in bodies are two public keys. */
const SIGN_IN_BODY_MAX_BYTES = 2 * 1024;
/** How long the person has at the identity provider before the sign-in must start again. */
export const SIGN_IN_VALID_MS = 10 * 60_000;
/** The cookie that ties the provider's return to the browser that started the sign-in (login CSRF). */
const BROWSER_COOKIE = 'xizmat-sign-in';
const COOKIE_PATH = '/api/v1/identity';
const STATE_BYTES = 32;
/** A state or code longer than this is nobody's (ours are 43 characters). */
const MAX_PARAM_CHARS = 2_048;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const randomToken = () => randomBytes(STATE_BYTES).toString('base64url');

export interface IdentityRouteOptions {
  citizens: CitizenStorage;
  provider: IdentityProvider;
  now: () => Date;
}

/**
 * A citizen's sign-in through the identity provider, and what a signed-in phone may do with it
 * (docs/security.md, "Citizens"). POST /identity/sign-ins starts one with the key the phone made;
 * the browser goes to the provider and comes back to GET /identity/callback, which checks the
 * state (once, in time, in the same browser), asks the provider who the person is, and binds the
 * key, the phone and the citizen. /identity/me, /identity/phones, /identity/sign-out and
 * /identity/phones/{keyId}/revoke take only a signed read of a live key on its own phone.
 */
export async function identityRoutes(app: FastifyInstance, { citizens, provider, now }: IdentityRouteOptions) {
  app.post('/identity/sign-ins', { bodyLimit: SIGN_IN_BODY_MAX_BYTES }, async (request, reply) => {
    const deviceHash = deviceHashOf(request);
    if (!deviceHash) throw new HttpError(401, ERROR_CODES.deviceKeyRequired, 'Send this phone\'s device key.');
    const body = request.body as Partial<CitizenSignInRequest> | null;
    if (!body || !isP256PublicJwk(body.citizenKey) || !isP256PublicJwk(body.replyKey)) {
      throw new HttpError(400, ERROR_CODES.badRequest, 'Expected { citizenKey, replyKey }, each a public EC P-256 JWK.');
    }
    const keyId = await jwkThumbprint(publicMembers(body.citizenKey));
    if (await citizens.findKey(keyId)) throw new HttpError(400, ERROR_CODES.badRequest, 'This key is registered already; make a new one for each sign-in.');
    const state = randomToken();
    const browser = randomToken();
    const at = now();
    const expiresAt = new Date(at.getTime() + SIGN_IN_VALID_MS).toISOString();
    let start;
    try {
      start = await provider.begin({ state, redirectUri: callbackUrl(request) });
    } catch (error) {
      // An OpenID Connect provider is asked for its configuration first; when it is down, the sign-in cannot start.
      request.log.error({ err: error }, 'identity provider unreachable at sign-in start');
      throw new HttpError(503, ERROR_CODES.identityProviderUnreachable, 'The identity provider cannot be reached; try again later.');
    }
    try {
      await citizens.startSignIn({
        stateHash: sha256(state), browserHash: sha256(browser), deviceHash, keyId, publicKey: body.citizenKey, replyKey: body.replyKey,
        carry: start.carry, createdAt: at.toISOString(), expiresAt,
      });
    } catch {
      // The key id is unique among sign-ins under way too: the same key sent twice at once.
      throw new HttpError(400, ERROR_CODES.badRequest, 'This key is registered already; make a new one for each sign-in.');
    }
    void reply.header('set-cookie', browserCookie(request, browser, SIGN_IN_VALID_MS / 1000)).header('cache-control', NO_STORE);
    return { authorizeUrl: start.url, keyId, expiresAt, standIn: provider.standIn } satisfies CitizenSignInStart;
  });

  app.get<{ Querystring: Record<string, unknown> }>('/identity/callback', async (request, reply) => {
    const result = await finishSignIn(request);
    // Whatever happened, the browser goes back to the app, which says it in the person's language.
    void reply.header('set-cookie', browserCookie(request, '', 0)).header('cache-control', NO_STORE);
    return reply.redirect(`${SIGN_IN_RETURN_PATH}?${SIGN_IN_RESULT_PARAM}=${result}`, 303);
  });

  async function finishSignIn(request: FastifyRequest<{ Querystring: Record<string, unknown> }>): Promise<SignInResult> {
    const state = request.query.state;
    if (typeof state !== 'string' || state === '' || state.length > MAX_PARAM_CHARS) return 'sign_in_unknown';
    const at = now();
    const taken = await citizens.takeSignIn(sha256(state), at.toISOString());
    // A return seen before: the provider's code in it is spent, whoever brings it again.
    if (taken.kind !== 'taken') return taken.kind === 'used' ? 'identity_code_refused' : taken.kind === 'expired' ? 'sign_in_expired' : 'sign_in_unknown';
    const { signIn } = taken;
    if (sha256(cookieOf(request, BROWSER_COOKIE) ?? '') !== signIn.browserHash) {
      request.log.warn({ keyId: signIn.keyId }, 'a sign-in came back to another browser than the one that started it');
      return 'sign_in_unknown';
    }
    let identity;
    try {
      identity = await provider.finish({ callbackUrl: fullUrl(request), state, redirectUri: callbackUrl(request), carry: signIn.carry });
    } catch (error) {
      if (error instanceof IdentityError) {
        request.log.warn({ code: error.code, reason: error.message }, 'identity provider refused a sign-in');
        return error.code;
      }
      request.log.error({ err: error }, 'identity provider failed');
      return 'identity_provider_unreachable';
    }
    const citizen = await citizens.keepCitizen(identity, at.toISOString());
    const added = await citizens.addKey({
      keyId: signIn.keyId, citizenId: citizen.id, deviceHash: signIn.deviceHash, publicKey: signIn.publicKey, replyKey: signIn.replyKey,
      provider: provider.name, createdAt: at.toISOString(),
    });
    return added ? 'done' : 'identity_code_refused';
  }

  /** The caller's live key on its own phone, or 401/403. */
  async function signedIn(request: FastifyRequest): Promise<CitizenKeyRecord> {
    const deviceHash = deviceHashOf(request);
    if (!deviceHash) throw new HttpError(401, ERROR_CODES.deviceKeyRequired, 'Send this phone\'s device key.');
    const key = await citizenCaller(request, deviceHash, citizens, now());
    if (!key) throw new HttpError(401, ERROR_CODES.identityRequired, 'Sign in first: this request needs the citizen\'s signature.');
    return key;
  }

  app.get('/identity/me', async (request, reply) => {
    const key = await signedIn(request);
    const citizen = await citizens.findCitizen(key.citizenId);
    if (!citizen) throw new HttpError(401, ERROR_CODES.identityRequired, 'Sign in first.');
    void reply.header('cache-control', NO_STORE);
    const { id: _id, passport: _passport, updatedAt: _updated, ...profile } = citizen;
    return { citizen: profile, keyId: key.keyId, provider: key.provider, standIn: provider.standIn && key.provider === provider.name, signedInAt: key.createdAt } satisfies CitizenSession;
  });

  app.get('/identity/phones', async (request, reply) => {
    const key = await signedIn(request);
    const phones: CitizenPhone[] = (await citizens.liveKeys(key.citizenId))
      .map((k) => ({ keyId: k.keyId, signedInAt: k.createdAt, thisPhone: k.keyId === key.keyId }));
    void reply.header('cache-control', NO_STORE);
    return { phones };
  });

  app.post('/identity/sign-out', { bodyLimit: SIGN_IN_BODY_MAX_BYTES }, async (request, reply) => {
    const key = await signedIn(request);
    await citizens.revokeKey(key.keyId, now().toISOString());
    return reply.code(204).send();
  });

  app.post<{ Params: { keyId: string } }>('/identity/phones/:keyId/revoke', { bodyLimit: SIGN_IN_BODY_MAX_BYTES }, async (request, reply) => {
    const key = await signedIn(request);
    const target = await citizens.findKey(request.params.keyId);
    // Another citizen's key is answered as one that does not exist.
    if (!target || target.key.citizenId !== key.citizenId || !target.live) throw new HttpError(404, ERROR_CODES.notFound, 'No such phone of yours is signed in.');
    await citizens.revokeKey(target.key.keyId, now().toISOString());
    return reply.code(204).send();
  });
}

/** Where the provider sends the browser back: this server, as the browser reached it. */
function callbackUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/api/v1/identity/callback`;
}

function fullUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}

function browserCookie(request: FastifyRequest, value: string, maxAgeS: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${BROWSER_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure}`;
}

function cookieOf(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
