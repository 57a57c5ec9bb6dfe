import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, MAX_BODY_BYTES, type ErrorCode } from '../../src/contract/index';
import { errorBody, HttpError } from './api-error';
import { NO_STORE } from './cache-control';
import { JSON_CONTENT_TYPE } from './json-document';
import { SECURITY_HEADERS } from './security-headers';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
}

/** Framework and plugin errors by their code, in the API's words. */
const KNOWN: Record<string, Mapped> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: ERROR_CODES.bodyTooLarge, message: `The body is over ${MAX_BODY_BYTES} bytes.` },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: ERROR_CODES.unsupportedMediaType, message: 'Send Content-Type: application/json.' },
  FST_CP_ERR_INVALID_CONTENT_ENCODING: { status: 415, code: ERROR_CODES.unsupportedMediaType, message: 'Content-Encoding must be gzip or none.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: ERROR_CODES.malformedJson, message: 'The body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: ERROR_CODES.malformedJson, message: 'The body is not valid JSON.' },
  FST_CP_ERR_INVALID_CONTENT: { status: 400, code: ERROR_CODES.malformedJson, message: 'The compressed body cannot be decompressed.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: ERROR_CODES.badRequest, message: 'The body does not match its Content-Length.' },
};

/**
 * Every failure leaves as `{ error: { code, message } }`: known request faults keep their 4xx,
 * anything else is logged and answered with a plain 500, never a stack trace.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const mapped = mapError(error);
  if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(mapped.status).type(JSON_CONTENT_TYPE).send(errorBody(mapped.code, mapped.message));
}

/**
 * Fastify's own refusals before any route is looked up (a path whose percent-escapes do not
 * decode, a path parameter longer than the router takes) run no hook at all: here they get the
 * API's error shape, the security headers and no-store like every other answer.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.headers(SECURITY_HEADERS).header('Cache-Control', NO_STORE);
  return handleError(error, request, reply);
}

function mapError(error: FastifyError): Mapped {
  if (error instanceof HttpError) return { status: error.statusCode, code: error.code, message: error.message };
  const known = error.code ? KNOWN[error.code] : undefined;
  if (known) return known;
  const status = error.statusCode ?? 500;
  if (status === 404) return { status, code: ERROR_CODES.notFound, message: 'Nothing is here.' };
  // The contract has no generic "bad request" code; other request faults (an undecodable URL,
  // a broken header) are malformed input, described in the message.
  if (status >= 400 && status < 500) return { status, code: ERROR_CODES.badRequest, message: `The request is malformed: ${error.message}` };
  return { status: 500, code: ERROR_CODES.internal, message: 'The server failed; send the request again later.' };
}
