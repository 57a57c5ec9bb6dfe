import { CITIZEN_CONTEXT, CITIZEN_HEADER, CITIZEN_READ_CONTEXT, CITIZEN_READ_WINDOW_MS, DEVICE_KEY_HEADER, SIGN_IN_RESULTS, SIGN_IN_RESULT_PARAM, SIGN_IN_RETURN_PATH, THUMBPRINT } from '../src/contract/index';
import { NO_STORE } from './http/cache-control';
import { RATE_LIMITED, retryAfter } from './openapi-parts';
import { SIGN_IN_VALID_MS } from './routes/identity-routes';

// Citizens (docs/security.md, "Citizens"): sign-in through an identity provider (OneID), the proof
// a signed-in phone's applications carry, and its signed reads. Merged into server/openapi.ts.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string) => ({ 'application/json': { schema: ref(schema) } });
const error = (description: string) => ({ description, content: json('ErrorBody') });
const noStore = { 'Cache-Control': { description: NO_STORE, schema: { type: 'string', const: NO_STORE } } };
const deviceKey = { name: DEVICE_KEY_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } };
const READ_HEADER_PATTERN = '^[A-Za-z0-9_-]{43}\\.\\d{13}\\.[A-Za-z0-9_-]{86}$';
export const CITIZEN_READ_DESCRIPTION =
  `A signed read: "<keyId>.<unix ms>.<signature>", the signature (ECDSA P-256, SHA-256, base64url) by the citizen key over the UTF-8 text ` +
  `"${CITIZEN_READ_CONTEXT}\\n{keyId}\\n{unix ms}\\n{METHOD} {path}" (the path without its query, e.g. GET /api/v1/statuses), within ` +
  `${CITIZEN_READ_WINDOW_MS / 60_000} minutes of the server's clock, sent with the device key of the phone the key was bound to.`;
const citizenRead = { name: CITIZEN_HEADER, in: 'header', required: true, description: CITIZEN_READ_DESCRIPTION, schema: { type: 'string', pattern: READ_HEADER_PATTERN } };
/** What the framework answers before a bodiless POST's route runs: whatever body comes is read first. */
const bodyRefused = {
  400: error('malformed_json: a body that is not JSON (none is needed).'),
  413: error('body_too_large: over 2 KB (none is needed).'),
  415: error('unsupported_media_type: a body that is not application/json, or a Content-Encoding other than gzip.'),
};
const readRefused = {
  401: error('device_key_required, or identity_required: no signed read.'),
  403: error('identity_invalid (does not verify, too old, another phone\'s key, or not a key of this server), identity_revoked (the sign-in has ended), or device_revoked.'),
  429: { ...error(RATE_LIMITED), headers: retryAfter },
};

export const identityPaths = {
  '/identity/sign-ins': {
    post: {
      summary: 'A citizen starts signing in on a phone: the key the phone made for this sign-in, and where the browser goes now.',
      description:
        'citizenKey is the public half of an ECDSA P-256 key pair the phone makes afresh for each sign-in, its private half ' +
        'non-extractable on the phone; replyKey is the phone\'s reply key (a returned application of the citizen reopens on ' +
        'this phone sealed to it). The answer sets an HttpOnly cookie that ties the provider\'s return to this browser, and ' +
        `names the identity provider's address: the browser goes there, and must come back within ${SIGN_IN_VALID_MS / 60_000} minutes. ` +
        'Without a configured provider it is the stand-in OneID on this server (standIn: true).',
      parameters: [deviceKey],
      requestBody: { required: true, content: json('CitizenSignInRequest') },
      responses: {
        200: { description: 'Where to go.', headers: { ...noStore, 'Set-Cookie': { schema: { type: 'string' } } }, content: json('CitizenSignInStart') },
        400: error('bad_request: not two P-256 public keys, or a citizen key registered already; or malformed_json.'),
        401: error('device_key_required.'),
        403: error('device_revoked.'),
        413: error('body_too_large: over 2 KB.'),
        415: error('unsupported_media_type.'),
        429: { ...error(RATE_LIMITED), headers: retryAfter },
        503: error('identity_provider_unreachable: the identity provider could not be asked to start a sign-in; nothing kept.'),
      },
    },
  },
  '/identity/callback': {
    get: {
      summary: 'The identity provider sends the browser back here; it goes on to the app, told how the sign-in went.',
      description:
        'The state must be one this server issued, not used before, not expired, and come back to the browser that started it ' +
        '(its cookie). The server then exchanges the code with the provider, checks every field of the identity it returns (a ' +
        'valid PINFL, names, dates), and binds the citizen key, the phone and the citizen. A state seen before is refused: the ' +
        `provider's code in it is spent. Always 303 to ${SIGN_IN_RETURN_PATH}?${SIGN_IN_RESULT_PARAM}=<result>.`,
      parameters: [
        { name: 'state', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'code', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'error', in: 'query', required: false, schema: { type: 'string' } },
      ],
      responses: {
        303: {
          description: `To the app: result ${SIGN_IN_RESULTS.join(', ')}.`,
          headers: { Location: { schema: { type: 'string' } }, ...noStore },
        },
        429: { ...error(RATE_LIMITED), headers: retryAfter },
      },
    },
  },
  '/identity/me': {
    get: {
      summary: 'Who this phone is signed in as, as the identity provider said.',
      parameters: [deviceKey, citizenRead],
      responses: { 200: { description: 'The session.', headers: noStore, content: json('CitizenSession') }, ...readRefused },
    },
  },
  '/identity/phones': {
    get: {
      summary: 'The phones the citizen is signed in on now.',
      parameters: [deviceKey, citizenRead],
      responses: { 200: { description: 'The phones.', headers: noStore, content: json('CitizenPhones') }, ...readRefused },
    },
  },
  '/identity/sign-out': {
    post: {
      summary: 'Ends this phone\'s sign-in: its key signs nothing more, on every instance at once.',
      description: 'An application signed before and sent after is refused with identity_revoked; the phone signs it again after the next sign-in.',
      parameters: [deviceKey, citizenRead],
      responses: { 204: { description: 'Signed out.' }, ...readRefused, ...bodyRefused },
    },
  },
  '/identity/phones/{keyId}/revoke': {
    post: {
      summary: 'Ends the sign-in of another of the citizen\'s phones (a lost one), from this one.',
      parameters: [{ name: 'keyId', in: 'path', required: true, schema: { type: 'string', pattern: THUMBPRINT.source } }, deviceKey, citizenRead],
      responses: {
        204: { description: 'That phone\'s key is ended.' },
        ...readRefused,
        ...bodyRefused,
        404: error('not_found: no live sign-in of this citizen with that key.'),
      },
    },
  },
} as const;

export const identitySchemas = {
  CitizenSignInRequest: {
    type: 'object', required: ['citizenKey', 'replyKey'],
    properties: { citizenKey: ref('P256PublicKey'), replyKey: ref('P256PublicKey') },
  },
  CitizenSignInStart: {
    type: 'object', required: ['authorizeUrl', 'keyId', 'expiresAt', 'standIn'],
    properties: {
      authorizeUrl: { type: 'string', description: 'The identity provider\'s address (a path on this server for the stand-in).' },
      keyId: { type: 'string', pattern: THUMBPRINT.source },
      expiresAt: { type: 'string', format: 'date-time' },
      standIn: { type: 'boolean', description: 'True for the stand-in OneID of local runs and tests: the app says so.' },
    },
  },
  CitizenProfile: {
    type: 'object', required: ['pinfl', 'lastName', 'firstName', 'middleName', 'birthDate', 'phone'],
    properties: {
      pinfl: { type: 'string', pattern: '^\\d{14}$' }, lastName: { type: 'string' }, firstName: { type: 'string' },
      middleName: { type: ['string', 'null'] }, birthDate: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD.' }, phone: { type: ['string', 'null'], description: 'E.164.' },
    },
  },
  CitizenSession: {
    type: 'object', required: ['citizen', 'keyId', 'provider', 'standIn', 'signedInAt'],
    properties: {
      citizen: ref('CitizenProfile'), keyId: { type: 'string', pattern: THUMBPRINT.source }, provider: { type: 'string' },
      standIn: { type: 'boolean' }, signedInAt: { type: 'string', format: 'date-time' },
    },
  },
  CitizenPhones: {
    type: 'object', required: ['phones'],
    properties: {
      phones: {
        type: 'array',
        items: {
          type: 'object', required: ['keyId', 'signedInAt', 'thisPhone'],
          properties: { keyId: { type: 'string', pattern: THUMBPRINT.source }, signedInAt: { type: 'string', format: 'date-time' }, thisPhone: { type: 'boolean' } },
        },
      },
    },
  },
  CitizenProof: {
    type: 'object', required: ['keyId', 'signature'], additionalProperties: false,
    description:
      'A signed-in citizen\'s signature on their own application (docs/security.md, "Citizens"): ECDSA P-256 with SHA-256 by the ' +
      `citizen key bound at sign-in, over the UTF-8 text "${CITIZEN_CONTEXT}\\n{id}\\n{keyId}\\n{digest}", digest as for DelegationProof ` +
      '(the item as it travels without its proofs, canonical JSON). The server files the application under the citizen and ' +
      'shows it on every phone the citizen signs in on; a key whose sign-in has ended is refused (identity_revoked).',
    properties: {
      keyId: { type: 'string', pattern: THUMBPRINT.source },
      signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{86}$' },
    },
  },
} as const;
