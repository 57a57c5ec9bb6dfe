import { DEVICE_KEY_HEADER, MAX_ATTACHMENT_BYTES, MAX_SEAL_OVERHEAD_BYTES } from '../src/contract/index';
import { RATE_LIMITED, retryAfter } from './openapi-parts';
import { DEFAULT_UPLOAD_EXPIRY_MS, DEFAULT_UPLOAD_QUOTA } from './uploads/upload-routes';

// The attachment uploads (tus 1.0 core + creation, @tus/server in server/uploads). Answers from tus
// itself are plain text; the refusals before tus (no device key, a revoked phone, too many
// requests, an extension not offered, an id that is no SHA-256) and the framework's (a body type
// it cannot read) are ErrorBody. Merged into server/openapi.ts.

const TUS_VERSION = '1.0.0';
const SHA256_HEX = '^[0-9a-f]{64}$';
const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };
const text = { 'text/plain': { schema: { type: 'string' } } };
const tusError = (description: string) => ({ description, content: text });
const tusOrApiError = (description: string) => ({ description, content: { ...text, ...errorBody } });
const tusResumableAnswer = { 'Tus-Resumable': { description: 'The protocol version.', schema: { type: 'string', const: TUS_VERSION } } };

const tusResumable = {
  name: 'Tus-Resumable', in: 'header', required: true, schema: { type: 'string', const: TUS_VERSION },
  description: 'The tus version; without it 412.',
};
const deviceKey = {
  name: DEVICE_KEY_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  description: 'This phone\'s device key, on every upload request: an unfinished upload is the phone\'s own, and a revoked phone is refused.',
};
const uploadId = {
  name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: SHA256_HEX },
  description: 'The SHA-256 of the file\'s readable bytes, lower-case hex: the name it was created under.',
};
/** The framework reads a body tus does not (JSON, say) before tus sees the request, and may refuse it in its own words. */
const framework = {
  400: tusOrApiError('malformed_json (ErrorBody): a JSON body that does not parse.'),
  413: tusOrApiError(`body_too_large (ErrorBody): a body of a type the framework reads, over its limit.`),
  415: tusOrApiError('unsupported_media_type (ErrorBody): a body of a type nothing here reads, or a Content-Encoding other than gzip.'),
};
const guardAnswers = {
  401: { description: 'device_key_required: no device key, or one that is not 64 lower-case hex characters.', content: errorBody },
  403: tusOrApiError('device_revoked (ErrorBody); or, from tus on PATCH, "Upload-Offset header required" or "Content-Type header required" (text).'),
  429: { description: RATE_LIMITED, content: errorBody, headers: retryAfter },
};
const noTusResumable = { 412: tusError('No Tus-Resumable header.') };
const invalidHeader = tusOrApiError('A tus header that is not valid (text); or malformed_json (ErrorBody).');
const notFound = tusOrApiError('No upload by this name that this phone may see: none begun by this phone and no finished file (text); or not_found (ErrorBody) for an id that is not 64 lower-case hex characters.');
const HOURS_MS = 60 * 60 * 1000;

export const uploadPaths = {
  '/uploads': {
    post: {
      summary: 'Creates an upload for one attachment, named by its SHA-256 (tus creation).',
      description:
        'Upload-Metadata carries `sha256` (the file\'s hash, lower-case hex, base64-encoded as tus metadata values are), ' +
        'optionally `filetype`, and `sealed MQ==` for a file sealed to the seal key (it is opened when finished and only ' +
        `its opened bytes are kept). A readable file may be at most ${MAX_ATTACHMENT_BYTES} bytes; a sealed one ` +
        `${MAX_SEAL_OVERHEAD_BYTES} bytes more. The bytes follow with PATCH. Until it is finished, hashes to its name and is ` +
        'a PDF, JPEG or PNG, the upload is this phone\'s own: another phone beginning the same file gets an upload of its own, ' +
        'and the first to finish makes the file every phone finds. ' +
        `A phone may leave at most ${DEFAULT_UPLOAD_QUOTA.unfinishedPerPhone} uploads unfinished, of at most ` +
        `${DEFAULT_UPLOAD_QUOTA.unfinishedBytesPerPhone} declared bytes together; an unfinished upload is removed ` +
        `${DEFAULT_UPLOAD_EXPIRY_MS / HOURS_MS} hours after it began (XIZMAT_UPLOAD_EXPIRY_HOURS). Termination (DELETE), GET, OPTIONS ` +
        'and the concatenation and deferred-length extensions are not offered.',
      parameters: [
        tusResumable,
        { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'string', pattern: '^\\d+$' }, description: 'The size of the upload in bytes.' },
        {
          name: 'Upload-Metadata', in: 'header', required: true, schema: { type: 'string' },
          description: 'Comma-separated `key base64(value)` pairs: sha256 (required), filetype, sealed.',
          examples: { photo: { value: 'sha256 <base64 of the hex hash>,filetype aW1hZ2UvanBlZw==' } },
        },
        deviceKey,
      ],
      responses: {
        201: {
          description: 'Created; send the bytes to Location.',
          headers: { Location: { description: 'The upload\'s address, /api/v1/uploads/{sha256}.', required: true, schema: { type: 'string' } }, ...tusResumableAnswer },
        },
        ...framework,
        400: tusOrApiError(
          'A tus header that is not valid, no Upload-Length (a deferred length is not taken), or Upload-Metadata without a lower-case ' +
          'hex sha256 (text); or bad_request (ErrorBody) for Upload-Concat or Upload-Defer-Length, or malformed_json.',
        ),
        ...noTusResumable,
        409: tusError('This file is here already, finished or begun by this phone: ask for its offset with HEAD. A file held is never truncated.'),
        415: tusOrApiError('An empty upload (Upload-Length 0) is finished at once and is not a PDF, JPEG or PNG (text); or unsupported_media_type (ErrorBody).'),
        460: tusError('An empty upload (Upload-Length 0) is finished at once and does not hash to its name.'),
        413: tusOrApiError('Upload-Length is larger than the server takes (text); or body_too_large (ErrorBody).'),
        ...guardAnswers,
        429: tusOrApiError(
          'This phone has as many unfinished uploads, or unfinished bytes, as it may (text): finish or leave them to expire. ' +
          `Or ${RATE_LIMITED} (ErrorBody, with Retry-After)`,
        ),
      },
    },
  },
  '/uploads/{id}': {
    head: {
      summary: 'How many bytes of this upload the server holds, and its length: the finished file\'s, or else this phone\'s own upload\'s.',
      parameters: [uploadId, tusResumable, deviceKey],
      responses: {
        200: {
          description: 'The offset and length; a finished file has Upload-Offset equal to Upload-Length.',
          headers: {
            'Upload-Offset': { description: 'Bytes held.', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
            'Upload-Length': { description: 'The whole upload\'s size.', schema: { type: 'string', pattern: '^\\d+$' } },
            'Upload-Metadata': { description: 'The metadata it was created with (sealed is dropped once opened).', schema: { type: 'string' } },
            'Cache-Control': { description: 'no-store', schema: { type: 'string', const: 'no-store' } },
            ...tusResumableAnswer,
          },
        },
        ...framework,
        400: invalidHeader,
        ...noTusResumable,
        404: notFound,
        410: tusError('The upload is gone.'),
        ...guardAnswers,
      },
    },
    patch: {
      summary: 'Appends bytes at Upload-Offset; the last bytes finish the upload, which is then checked.',
      description:
        'A finished upload is kept only when its bytes (opened first, if it came sealed) hash to its name and begin as a PDF, ' +
        'JPEG or PNG does; otherwise it is dropped and the answer says why (460 or 415): send it again.',
      parameters: [
        uploadId, tusResumable, deviceKey,
        { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'string', pattern: '^\\d+$' }, description: 'Where these bytes go: the offset HEAD gave.' },
      ],
      requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
      responses: {
        204: {
          description: 'Taken.',
          headers: { 'Upload-Offset': { description: 'Bytes held now.', required: true, schema: { type: 'string', pattern: '^\\d+$' } }, ...tusResumableAnswer },
        },
        ...framework,
        400: tusOrApiError('A tus header that is not valid; Content-Type must be application/offset+octet-stream (text); or malformed_json (ErrorBody).'),
        ...noTusResumable,
        404: notFound,
        409: tusError('Upload-Offset is not the offset the server holds: ask with HEAD.'),
        410: tusError('The upload is gone.'),
        413: tusOrApiError('More bytes than Upload-Length (text), or body_too_large (ErrorBody).'),
        415: tusOrApiError('The finished file is not a PDF, JPEG or PNG and was dropped (text); or a Content-Type the server cannot read (ErrorBody).'),
        460: tusError('The finished file does not hash to its name, or a sealed file does not open: it was dropped; send it again.'),
        ...guardAnswers,
      },
    },
  },
} as const;
