import { ACCESS_TOKEN_TTL_S, DEVICE_KEY_HEADER, MAX_PASSWORD_CHARS, MAX_SIGNATURE_CHARS, REFRESH_TOKEN_TTL_S } from '../src/contract/index';
import { FAILURE_WINDOW_S, FREE_FAILURES, SOURCE_FREE_FAILURES, USERNAME_MAX_WAIT_S } from './auth/login-throttle';
import { DEFAULT_PASSWORD_CHECKS } from './auth/password-check-gate';
import { NO_STORE, REVALIDATE } from './http/cache-control';
import { RATE_LIMITED, retryAfter } from './openapi-parts';
import { OPERATOR_APPLICATIONS_LIMIT } from './routes/operator-routes';

// The operator part of the API: sign-in and sign-out, the operator's applications, the seal key,
// and the schemas they and on-behalf submissions use. Merged into server/openapi.ts.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string) => ({ 'application/json': { schema: ref(schema) } });
const error = (description: string) => ({ description, content: json('ErrorBody') });
const noStore = { 'Cache-Control': { description: NO_STORE, schema: { type: 'string', const: NO_STORE } } };
const deviceKey = { name: DEVICE_KEY_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } };
/** With a Bearer token: the phone it was issued to. */
const tokenPhone = { ...deviceKey, description: 'The device key of the phone the access token was issued to: without it, or with another, the token is 401 invalid_token.' };
/** Why an access token is refused, wherever one is taken. */
export const TOKEN_REFUSED =
  'token_expired (refresh it), or invalid_token: a malformed Authorization, a token this server did not sign, one sent without the device key ' +
  'of the phone it was issued to or with another, one whose sign-in has ended (sign-out, a rotated refresh token used again, an expired ' +
  'refresh token), or a disabled operator\'s.';
const bearer = [{ operatorToken: [] }];
const revoked = error('device_revoked: an admin revoked this phone.');
const tooMany = { ...error(RATE_LIMITED), headers: retryAfter };
/** What the framework answers before a sign-in route runs: its bodies are small JSON. */
const unreadable = {
  413: error('body_too_large: a sign-in body is a few hundred bytes; over 2 KB is refused.'),
  415: error('unsupported_media_type: not application/json, or a Content-Encoding other than gzip.'),
};

export const operatorPaths = {
  '/auth/login': {
    post: {
      summary: 'An operator signs in on a phone (its device key) and registers the delegation key the phone made for this sign-in.',
      description:
        'delegationKey is the public half of an ECDSA P-256 key pair the phone makes afresh for each sign-in: on-behalf applications ' +
        'are accepted only with a signature by it (DelegationProof), and only while this sign-in lasts. Without one the sign-in ' +
        'works, but no on-behalf application is accepted under it. A delegationKey that is not a P-256 public key is 400 ' +
        'bad_request before the password is checked; one any sign-in registered already is 400 bad_request after it, and no ' +
        'tokens are issued. ' +
        `Wrong username or password, an unknown or disabled operator: the same 401 invalid_credentials. After ${FREE_FAILURES} ` +
        `failures within ${FAILURE_WINDOW_S / 60} minutes for one username from one source address, or from one phone, and after ` +
        `${SOURCE_FREE_FAILURES} from one address, every attempt from there (the right password too) is 429 too_many_attempts ` +
        'with Retry-After, which doubles with each further failure. Failures on one username from everywhere only slow its ' +
        `sign-ins: 429 too_many_attempts with a Retry-After of at most ${USERNAME_MAX_WAIT_S} s. Failures are kept in the database, ` +
        `so they count across instances. At most ${DEFAULT_PASSWORD_CHECKS.concurrent} passwords are checked at once and ` +
        `${DEFAULT_PASSWORD_CHECKS.queued} wait per instance; past that a sign-in is 503 server_busy with Retry-After at once.`,
      parameters: [deviceKey],
      requestBody: { required: true, content: json('LoginRequest') },
      responses: {
        200: { description: 'Tokens.', headers: noStore, content: json('TokenPair') },
        400: error('bad_request: not { username, password, delegationKey? }, a delegationKey that is not a P-256 public key, or one registered already; or malformed_json.'),
        ...unreadable,
        401: error('invalid_credentials, or device_key_required.'),
        403: revoked,
        429: { ...error(`too_many_attempts (sign-in lock-out or slow-down); or ${RATE_LIMITED}`), headers: retryAfter },
        503: { ...error('server_busy: too many sign-ins are being checked on this server; Retry-After says when to try again.'), headers: retryAfter },
      },
    },
  },
  '/auth/refresh': {
    post: {
      summary: 'A new token pair for a refresh token, which is rotated (revoked, replaced by the new one).',
      description:
        'Send the device key of the phone that signed in. The new pair belongs to the same sign-in, and its delegation key stays ' +
        'registered. A refresh token already rotated, sent again, ends that sign-in as a sign-out does (its refresh and access ' +
        'tokens and its delegation key): sign in again.',
      parameters: [deviceKey],
      requestBody: { required: true, content: json('RefreshRequest') },
      responses: {
        200: { description: 'Tokens.', headers: noStore, content: json('TokenPair') },
        400: error('bad_request: not { refreshToken }; or malformed_json.'),
        ...unreadable,
        401: error('invalid_token: unknown, expired, revoked, rotated, another phone\'s, or a disabled operator\'s; or device_key_required.'),
        403: revoked,
        429: tooMany,
      },
    },
  },
  '/auth/logout': {
    post: {
      summary: 'Signs out: ends the whole sign-in the refresh token belongs to. Unknown tokens are ignored.',
      description:
        'Revokes every refresh token of that sign-in, which ends its access tokens at once (401 invalid_token on every instance) ' +
        'and its delegation key: on-behalf applications signed with that key are refused from then on (403 delegation_revoked), ' +
        'those signed before the sign-out included; the operator signs them again after signing in. Needs no device key: whoever ' +
        'holds the refresh token may end its sign-in.',
      requestBody: { required: true, content: json('RefreshRequest') },
      responses: { 204: { description: 'Revoked.' }, 400: error('bad_request: not { refreshToken }; or malformed_json.'), ...unreadable, 403: revoked, 429: tooMany },
    },
  },
  '/operator/applications': {
    get: {
      summary: `The signed-in operator's applications for residents, newest first, at most ${OPERATOR_APPLICATIONS_LIMIT}.`,
      security: bearer,
      parameters: [tokenPhone],
      responses: {
        200: { description: 'Its applications only.', headers: noStore, content: json('OperatorApplicationsResponse') },
        401: error(TOKEN_REFUSED),
        403: error('device_revoked: an admin revoked this phone, or the phone the token was issued to.'),
        429: tooMany,
      },
    },
  },
  '/seal-key': {
    get: {
      summary: 'The public key phones seal finalised applications to (ECDH P-256; see SealedItem).',
      parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag the phone holds.' }],
      responses: {
        200: {
          description: 'The key; it changes only when the server\'s key is replaced.',
          headers: {
            ETag: { description: 'Strong validator: a hash of the body.', schema: { type: 'string' } },
            'Cache-Control': { description: REVALIDATE, schema: { type: 'string', const: REVALIDATE } },
          },
          content: json('SealKey'),
        },
        304: { description: 'The ETag still matches; keep the copy you have.' },
      },
    },
  },
} as const;

export const operatorSecuritySchemes = {
  operatorToken: {
    type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
    description:
      `An access token from /auth/login or /auth/refresh (HS256, ${ACCESS_TOKEN_TTL_S / 60} minutes), taken only with the ${DEVICE_KEY_HEADER} ` +
      'header of the phone it was issued to, and only while its sign-in lasts: sign-out, a rotated refresh token used again, ' +
      'a revoked phone or a disabled operator end it at once, on every instance. ' +
      `Refresh tokens live ${REFRESH_TOKEN_TTL_S / 86_400} days unless revoked.`,
  },
} as const;

export const operatorSchemas = {
  LoginRequest: {
    type: 'object', required: ['username', 'password'],
    properties: {
      username: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,31}$' }, password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_CHARS },
      delegationKey: { ...ref('P256PublicKey'), description: 'The public half of the delegation key this phone made for this sign-in; made afresh each time.' },
    },
  },
  RefreshRequest: { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string' } } },
  OperatorInfo: {
    type: 'object', required: ['id', 'username', 'displayName'],
    properties: { id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' } },
  },
  TokenPair: {
    type: 'object', required: ['accessToken', 'accessExpiresAt', 'refreshToken', 'refreshExpiresAt', 'operator'],
    properties: {
      accessToken: { type: 'string' }, accessExpiresAt: { type: 'string', format: 'date-time' },
      refreshToken: { type: 'string' }, refreshExpiresAt: { type: 'string', format: 'date-time' }, operator: ref('OperatorInfo'),
    },
  },
  OperatorApplication: {
    type: 'object', required: ['id', 'number', 'serviceId', 'status', 'receivedAt', 'updatedAt', 'residentName'],
    properties: {
      id: { type: 'string' }, number: { type: 'string' }, serviceId: { type: 'string' }, status: { type: 'string' },
      receivedAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, residentName: { type: 'string' },
    },
  },
  OperatorApplicationsResponse: {
    type: 'object', required: ['applications'], properties: { applications: { type: 'array', items: ref('OperatorApplication') } },
  },
  OnBehalf: {
    type: 'object', required: ['operatorId', 'resident', 'consent'],
    description:
      'Who applied for whom, stored with the application. Accepted only with the operator\'s proof (DelegationProof) naming the same ' +
      'operatorId, signed by a delegation key of that operator whose sign-in still lasts; else the item is 403 delegation_invalid or delegation_revoked.',
    properties: {
      operatorId: { type: 'string', minLength: 1 },
      resident: {
        type: 'object', required: ['name'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, pinfl: { type: 'string', pattern: '^\\d{14}$', description: 'The resident\'s PINFL, checked like any PINFL.' } },
      },
      consent: {
        type: 'object', required: ['confirmedAt', 'method'],
        properties: {
          confirmedAt: { type: 'string', format: 'date-time' }, method: { enum: ['typed', 'signature'] },
          typedName: { type: 'string' }, signature: { type: 'string', maxLength: MAX_SIGNATURE_CHARS, description: 'A PNG data URL.' },
        },
      },
    },
  },
} as const;
