import {
  ACCESS_TOKEN_TTL_S, DEVICE_KEY_HEADER, MAX_PASSWORD_CHARS, MAX_SEALED_CHARS, MAX_SIGNATURE_CHARS, REFRESH_TOKEN_TTL_S,
} from '../src/contract/index';
import { FAILURE_WINDOW_S, FREE_FAILURES, SOURCE_FREE_FAILURES, USERNAME_MAX_WAIT_S } from './auth/login-throttle';
import { DEFAULT_PASSWORD_CHECKS } from './auth/password-check-gate';
import { NO_STORE, REVALIDATE } from './http/cache-control';
import { RATE_LIMITED, retryAfter } from './openapi-parts';
import { OPERATOR_APPLICATIONS_LIMIT } from './routes/operator-routes';

// The operator part of the API (issue 8): sign-in, the operator's applications, the seal key, and
// the schemas they and sealed or on-behalf submissions use. Merged into server/openapi.ts.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string) => ({ 'application/json': { schema: ref(schema) } });
const error = (description: string) => ({ description, content: json('ErrorBody') });
const noStore = { 'Cache-Control': { description: NO_STORE, schema: { type: 'string', const: NO_STORE } } };
const deviceKey = { name: DEVICE_KEY_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } };
const bearer = [{ operatorToken: [] }];
const revoked = error('device_revoked: an admin revoked this phone.');
const tooMany = { ...error(RATE_LIMITED), headers: retryAfter };
/** What the framework answers before a sign-in route runs: its bodies are small JSON. */
const unreadable = {
  413: error('body_too_large: a sign-in body is a few hundred bytes; over 2 KB is refused.'),
  415: error('unsupported_media_type: not application/json, or a Content-Encoding other than gzip.'),
};
const B64URL = '^[A-Za-z0-9_-]+$';

export const operatorPaths = {
  '/auth/login': {
    post: {
      summary: 'An operator signs in on a phone; the phone (its device key) is bound to the operator.',
      description:
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
        400: error('bad_request: not { username, password }; or malformed_json.'),
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
      description: 'Send the device key of the phone that signed in. A refresh token already rotated, sent again, revokes every token of that sign-in: sign in again.',
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
      summary: 'Revokes a refresh token (signing out on this phone). Unknown tokens are ignored.',
      requestBody: { required: true, content: json('RefreshRequest') },
      responses: { 204: { description: 'Revoked.' }, 400: error('bad_request: not { refreshToken }; or malformed_json.'), ...unreadable, 403: revoked, 429: tooMany },
    },
  },
  '/operator/applications': {
    get: {
      summary: `The signed-in operator's applications for residents, newest first, at most ${OPERATOR_APPLICATIONS_LIMIT}.`,
      security: bearer,
      responses: {
        200: { description: 'Its applications only.', headers: noStore, content: json('OperatorApplicationsResponse') },
        401: error('token_expired (refresh it) or invalid_token.'),
        403: revoked,
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
    description: `An access token from /auth/login or /auth/refresh (HS256, ${ACCESS_TOKEN_TTL_S / 60} minutes). Refresh tokens live ${REFRESH_TOKEN_TTL_S / 86_400} days unless revoked.`,
  },
} as const;

export const operatorSchemas = {
  LoginRequest: {
    type: 'object', required: ['username', 'password'],
    properties: { username: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,31}$' }, password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_CHARS } },
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
  SealKey: {
    type: 'object', required: ['keyId', 'publicKey'],
    properties: {
      keyId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'The key\'s RFC 7638 thumbprint.' },
      publicKey: {
        type: 'object', required: ['kty', 'crv', 'x', 'y'], additionalProperties: false,
        properties: { kty: { const: 'EC' }, crv: { const: 'P-256' }, x: { type: 'string' }, y: { type: 'string' } },
      },
    },
  },
  SealedItem: {
    type: 'object', required: ['id', 'sealed'],
    description:
      'An application or feedback item sealed to the seal key (ECDH P-256 with a one-time key, HKDF-SHA-256 salted with the keyId, ' +
      'AES-256-GCM with the id as additional data). The server opens it and judges the item inside, which must carry the same id, ' +
      'exactly as if it had been sent readable: the same receipt either way.',
    properties: {
      id: { type: 'string' },
      sealed: {
        type: 'object', required: ['v', 'keyId', 'epk', 'iv', 'ct'],
        properties: {
          v: { const: 1 }, keyId: { type: 'string' },
          epk: { type: 'object', required: ['kty', 'crv', 'x', 'y'], properties: { kty: { const: 'EC' }, crv: { const: 'P-256' }, x: { type: 'string' }, y: { type: 'string' } } },
          iv: { type: 'string', pattern: B64URL }, ct: { type: 'string', pattern: B64URL, maxLength: MAX_SEALED_CHARS },
        },
      },
    },
  },
  OnBehalf: {
    type: 'object', required: ['operatorId', 'resident', 'consent'],
    description: 'Who applied for whom; accepted only from a phone the operator signed in on (else 403 operator_not_bound for the item). Stored with the application.',
    properties: {
      operatorId: { type: 'string' },
      resident: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } },
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
