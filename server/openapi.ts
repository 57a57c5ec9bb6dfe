import {
  CITIZEN_HEADER, DEVICE_KEY_HEADER, MAX_BODY_BYTES, MAX_FORMS_PER_REQUEST, MAX_ITEM_DEPTH, MAX_RAW_CHARS, STATUSES_PAGE_SIZE,
} from '../src/contract/index';
import { IMMUTABLE, NO_STORE, REVALIDATE } from './http/cache-control';
import { backOfficePaths, backOfficeSecuritySchemes } from './openapi-back-office';
import { operatorPaths, operatorSchemas, operatorSecuritySchemes, TOKEN_REFUSED } from './openapi-operators';
import { RATE_LIMITED, retryAfter } from './openapi-parts';
import { openApiSchemas } from './openapi-schemas';
import { CITIZEN_READ_DESCRIPTION, identityPaths, identitySchemas } from './openapi-identity';
import { paymentPaths, paymentSchemas } from './openapi-payments';
import { sealingSchemas } from './openapi-sealing';
import { uploadPaths } from './openapi-uploads';
import { DEVICE_EVENT_MAX_BYTES } from './routes/device-routes';

const json = (schema: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } });
const error = (description: string) => ({ description, content: json('ErrorBody') });
const cacheHeader = (value: string) => ({ description: value, schema: { type: 'string', const: value } });
const etagHeaders = (cacheControl: string) => ({
  ETag: { description: 'Strong validator: a hash of the body.', schema: { type: 'string' } },
  'Cache-Control': cacheHeader(cacheControl),
});
const ifNoneMatch = {
  name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' },
  description: 'The ETag the client holds; a match gives 304 without a body.',
};
const notModified = { description: 'The ETag still matches; keep the copy you have.' };
/** The API guard's answers, possible on every route under /api/v1 before the route itself runs. */
const guardAnswers = {
  403: error('device_revoked: an admin revoked the phone whose device key came with the request.'),
  429: { ...error(RATE_LIMITED), headers: retryAfter },
};

/** Each operation with the guard's answers it does not describe in its own words. */
function guarded<Paths extends object>(paths: Paths): Paths {
  return Object.fromEntries(Object.entries(paths).map(([path, item]) => [path, Object.fromEntries(
    Object.entries(item as Record<string, { responses?: object }>).map(([method, operation]) => [
      method, operation.responses ? { ...operation, responses: { ...guardAnswers, ...operation.responses } } : operation,
    ]),
  )])) as Paths;
}

/** GET /api/v1/openapi.json: the API as served. Keep it in step with server/routes. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Xizmat API',
    version: '1',
    description:
      'The API behind the Xizmat offline-first app for the Single Portal of Interactive Public Services. ' +
      'Every error body is ErrorBody (but for the tus uploads\' own and the back office\'s, described there); clients branch on error.code. ' +
      'Responses over about 1 KB are compressed (br or gzip) when Accept-Encoding allows. ' +
      'Unknown paths under /api answer 404 not_found, a path that is not valid percent-encoding 400 bad_request, a path ' +
      'with a dot segment (/./ or /../, escaped or not) 403 bad_request, and a path parameter over 100 characters 414 bad_request. ' +
      'A body is read (or refused: 400 malformed_json, 413 body_too_large, 415 unsupported_media_type) before any route runs, ' +
      'also on a path or method with no route. ' +
      'Any request to a route with a revoked device key answers 403 device_revoked, however its path is spelled; ' +
      'too many requests of one kind (sign-in, submissions, uploads, catalogue, the rest) from one phone or operator, from one ' +
      'source address (an IPv6 address counts by its /64), or from everyone at once answer 429 rate_limited with Retry-After. ' +
      'No CORS: same origin only, no OPTIONS route, ' +
      'so no answer carries Access-Control-Allow-Origin. Every answer carries the security headers X-Content-Type-Options, ' +
      'Referrer-Policy, Strict-Transport-Security, X-Frame-Options and Cross-Origin-Opener-Policy; every error answer under ' +
      '/api carries Cache-Control: no-store. The attachment uploads speak tus 1.0 and answer its errors in plain text; the ' +
      'back office lives at the site root (its paths name their own server).',
  },
  servers: [{ url: '/api/v1' }],
  paths: {
    ...guarded({
      '/catalogue': {
        get: {
          summary: 'The whole catalogue at its current version.',
          parameters: [ifNoneMatch],
          responses: {
            200: { description: 'The catalogue.', headers: etagHeaders(REVALIDATE), content: json('Catalogue') },
            304: notModified,
          },
        },
      },
      '/catalogue/changes': {
        get: {
          summary: 'What changed in the catalogue after the version the device holds (delta sync).',
          description:
            'Send the version and epoch of the last catalogue you applied, and its ETag in If-None-Match: ' +
            'an unchanged catalogue costs a 304. Otherwise you get the services added or changed since, whole, ' +
            'and the ids removed since. Without since, with another epoch, or with a version the server never had, ' +
            'the answer has reset: true and lists every service.',
          parameters: [
            { name: 'since', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
            { name: 'epoch', in: 'query', required: false, schema: { type: 'string' } },
            ifNoneMatch,
          ],
          responses: {
            200: { description: 'The delta.', headers: etagHeaders(REVALIDATE), content: json('CatalogueDelta') },
            304: notModified,
            400: error('bad_request: since is not a positive integer, or since or epoch is given twice.'),
          },
        },
      },
      '/forms': {
        get: {
          summary: 'Several published form versions in one answer ("prepare for offline work").',
          parameters: [
            {
              name: 'keys', in: 'query', required: true, schema: { type: 'string' },
              description: `Comma-separated serviceId:version, 1 to ${MAX_FORMS_PER_REQUEST} of them.`,
            },
            ifNoneMatch,
          ],
          responses: {
            200: { description: 'The forms, in the order asked.', headers: etagHeaders(IMMUTABLE), content: json('FormBatch') },
            304: notModified,
            400: error('bad_request: no keys, too many, one not serviceId:version, or keys given twice.'),
            404: error('unknown_service or unknown_form_version for one of the keys.'),
          },
        },
      },
      '/forms/{serviceId}/{version}': {
        get: {
          summary: 'One version of one service form. A published version never changes.',
          parameters: [
            { name: 'serviceId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
            ifNoneMatch,
          ],
          responses: {
            200: { description: 'The form definition.', headers: etagHeaders(IMMUTABLE), content: json('FormDefinition') },
            304: notModified,
            404: error('unknown_service, or unknown_form_version for a known service.'),
          },
        },
      },
      '/services/{serviceId}': {
        get: {
          summary: 'One service of the catalogue with its current form: what a form link needs on a phone that has neither.',
          parameters: [{ name: 'serviceId', in: 'path', required: true, schema: { type: 'string' } }, ifNoneMatch],
          responses: {
            200: { description: 'The service and its current form.', headers: etagHeaders(REVALIDATE), content: json('ServicePage') },
            304: notModified,
            404: error('unknown_service: no such service in the catalogue.'),
          },
        },
      },
      '/refs/soato': {
        get: {
          summary: 'Regions and districts (SOATO) for region and district fields.',
          parameters: [ifNoneMatch],
          responses: {
            200: { description: 'The list.', headers: etagHeaders(REVALIDATE), content: json('SoatoList') },
            304: notModified,
          },
        },
      },
      '/submissions': {
        post: {
          summary: 'Deliver a batch of finalised applications and feedback; idempotent per item id.',
          description:
            'Each item is judged and stored on its own, in its own transaction; one bad item does not stop the others. ' +
            'A shape error anywhere refuses the whole batch with 400 and stores nothing. ' +
            'Same id, same revision and same payload (serviceId, formVersion, answers, raw, onBehalf) as stored: 200 with the stored receipt, ' +
            'whoever sends it (a retry, or another phone carrying the very application). Ids are never forgotten. Everything else ' +
            'about a stored id is answered only to whoever sent its revision 1, its phone (device key) or its operator with a valid ' +
            'proof: to them an earlier revision gets the stored receipt and the same revision with another payload is 422 id_reused, ' +
            'the stored application unchanged. Anyone else is answered as if the id did not exist: a correction is 422 not_returned, ' +
            'a refused proof 403, answers the form refuses 422 validation_failed; only a complete, valid application of theirs meets ' +
            '422 id_reused, where a new id would have been stored. ' +
            'A corrected application (revision n+1 of an id the agency returned), from the phone or operator that sent revision 1 and ' +
            'naming the same operator, is stored in place and keeps its number; a correction of an application that is not returned ' +
            'is 422 not_returned. Feedback items (kind "feedback") ' +
            'get receipts numbered FB-…; the same feedback id with another rating or comment is 422 id_reused. ' +
            `The body may be sent with Content-Encoding: gzip; the limit of ${MAX_BODY_BYTES} bytes applies after decompression. ` +
            'Items may be sealed (SealedItem): each is opened first; one that does not open is 422 sealed_invalid (seal_key_unknown ' +
            'for a key this server does not hold: fetch /seal-key again) and the others go on. ' +
            'An item with onBehalf needs its operator\'s proof (DelegationProof; beside the envelope of a sealed item), by a delegation ' +
            'key the named operator registered at sign-in, whichever phone brings it: without one that holds, the item is 403 ' +
            'delegation_invalid, or 403 delegation_revoked when the key\'s sign-in has ended (sign-out, a revoked phone, a disabled ' +
            'operator, an expired sign-in), also for an item signed before that; nothing is stored, and the operator signs it again ' +
            'after signing in. The proof is judged before the service and the answers. An on-behalf application is followed ' +
            '(/statuses, GET /submissions/{id}) by the phone its delegation key was registered on, not the phone that brought it: ' +
            'a phone carrying someone else\'s hand-over file gets the receipt and nothing more. ' +
            'Answers never come back in clear: a sealed item refused with validation_failed carries them only sealed to the reply key ' +
            'inside it (error.reopenSealed), and not at all without one. ' +
            'Two per-item answers are not final: 429 rate_limited for a feedback item over the limit of feedback from this ' +
            'source address (or from everyone), and 503 internal_error for an item the server failed on alone; the items before ' +
            'and after it keep their own results. Send such an item again later: if it had been stored after all, the answer is its receipt.',
          requestBody: { required: true, content: json('SubmissionBatch') },
          responses: {
            200: {
              description: 'One result per item, in the order sent.',
              headers: { 'Cache-Control': cacheHeader(NO_STORE) },
              content: json('BatchResult'),
            },
            400: error(
              'malformed_json; invalid_batch (a body that is not an object with an items array, null and lists included; an item ' +
              `nesting deeper than ${MAX_ITEM_DEPTH} levels, the item itself being level 1; a raw value over ${MAX_RAW_CHARS} characters; ` +
              'an item of the wrong shape); missing_id, invalid_id, too_many_items or duplicate_id_in_batch. Nothing stored.',
            ),
            413: error(`body_too_large: over ${MAX_BODY_BYTES} bytes; nothing stored.`),
            415: error('unsupported_media_type: not application/json, or a Content-Encoding other than gzip; nothing stored.'),
            403: error('device_revoked: an admin revoked this phone; nothing stored.'),
            429: { ...error(`${RATE_LIMITED} Nothing stored.`), headers: retryAfter },
          },
        },
      },
      '/submissions/{id}': {
        get: {
          summary: 'The status of one stored application, to the phone that sent it or the operator who applied with it (Bearer).',
          description:
            'The id is checked first (400 invalid_id). A Bearer token, when sent, is judged next, before the id is looked up, so a bad ' +
            'one is 401 whether or not the id exists; it holds only with the device key of the phone it was issued to, and only while ' +
            'its sign-in lasts. Then the application is answered to the phone that sent it (its device key) or to the operator who ' +
            'applied with it; to anyone else it does not exist (404, as for an unknown id).',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: DEVICE_KEY_HEADER, in: 'header', required: false, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
              description: 'The phone that sent the application; with a Bearer token, the phone the token was issued to.',
            },
          ],
          security: [{}, { operatorToken: [] }],
          responses: {
            200: {
              description: 'Its status.',
              headers: { 'Cache-Control': cacheHeader(NO_STORE) },
              content: json('SubmissionStatus'),
            },
            400: error('invalid_id: not a lower-case UUIDv7.'),
            401: error(`A Bearer token that does not hold: ${TOKEN_REFUSED}`),
            403: error('device_revoked: the phone of the device key, or the phone the token was issued to, was revoked.'),
            404: error('not_found: no application has this id, or it was neither sent with this device key nor by this operator.'),
          },
        },
      },
      '/statuses': {
        get: {
          summary: 'What changed for this phone\'s applications since a cursor, in one request.',
          description:
            `Answered only with the device key (header ${DEVICE_KEY_HEADER}) the applications were sent with (an on-behalf ` +
            'application: of the phone its operator signed it on, whichever phone brought it); the server keeps ' +
            'only its hash. Each application appears with its current status once per change after the cursor, oldest change ' +
            `first, at most ${STATUSES_PAGE_SIZE} per page ("more" says another page waits). A returned application carries ` +
            'what the server holds only sealed to the reply key it was sent with (reopenSealed), so only the phone that holds that ' +
            'key\'s private half can reopen it as a draft; one sent without a reply key gets its status and message, and no answers. ' +
            'The correction is sent as revision n+1 of the same id, from the same phone or operator. An application whose form ' +
            'computes a fee starts "awaiting_payment" and carries its invoice (amount, reference, due time, pay link; once paid, the ' +
            'receipt) with every change.',
          parameters: [
            { name: 'since', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{1,15}$' }, description: 'The cursor of the last answer; 0 or absent for everything.' },
            { name: DEVICE_KEY_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
            {
              name: CITIZEN_HEADER, in: 'header', required: false, schema: { type: 'string' },
              description: `From a phone signed in as a citizen: ${CITIZEN_READ_DESCRIPTION} With it the answer also holds every application of that citizen from any of their phones; a returned one's answers come sealed to this phone's reply key given at sign-in.`,
            },
          ],
          responses: {
            200: { description: 'The changes and the next cursor.', headers: { 'Cache-Control': cacheHeader(NO_STORE) }, content: json('StatusesResponse') },
            400: error('bad_request: "since" is not a cursor.'),
            401: error('device_key_required: no valid device key.'),
            403: error('device_revoked; or, with a citizen header, identity_invalid or identity_revoked (read again without it).'),
          },
        },
      },
      '/device-events': {
        post: {
          summary: 'A phone reports what no application carries, such as "my browser deleted the queue with N applications in it".',
          requestBody: { required: true, content: json('DeviceEvent') },
          responses: {
            202: { description: 'Kept (once per id, however often it is sent).', headers: { 'Cache-Control': cacheHeader(NO_STORE) }, content: json('DeviceEventAccepted') },
            400: error('invalid_device_event, or malformed_json; nothing stored.'),
            413: error(`body_too_large: over ${DEVICE_EVENT_MAX_BYTES} bytes; nothing stored.`),
            415: error('unsupported_media_type: not application/json; nothing stored.'),
          },
        },
      },
      ...operatorPaths,
      ...uploadPaths,
      ...paymentPaths,
      ...identityPaths,
      '/openapi.json': {
        get: {
          summary: 'This document.',
          parameters: [ifNoneMatch],
          responses: { 200: { description: 'OpenAPI 3.1.', headers: etagHeaders(REVALIDATE), content: { 'application/json': {} } }, 304: notModified },
        },
      },
    }),
    ...backOfficePaths,
  },
  components: {
    schemas: { ...openApiSchemas, ...operatorSchemas, ...sealingSchemas, ...paymentSchemas, ...identitySchemas },
    securitySchemes: { ...operatorSecuritySchemes, ...backOfficeSecuritySchemes },
  },
} as const;
