import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Base64url characters of the sha256 kept in an ETag: 162 bits, ample for content versions. */
const ETAG_HASH_CHARS = 27;
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A JSON body serialised once at start, with a strong ETag derived from its bytes. */
export interface JsonDocument {
  body: string;
  etag: string;
}

export function toJsonDocument(value: unknown): JsonDocument {
  const body = JSON.stringify(value);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, ETAG_HASH_CHARS);
  return { body, etag: `"${hash}"` };
}

/** Sends the document, or 304 when the client's If-None-Match already names its ETag. */
export function sendJsonDocument(request: FastifyRequest, reply: FastifyReply, doc: JsonDocument, cacheControl: string) {
  reply.header('ETag', doc.etag).header('Cache-Control', cacheControl);
  if (matchesEtag(request.headers['if-none-match'], doc.etag)) return reply.code(304).send();
  return reply.type(JSON_CONTENT_TYPE).send(doc.body);
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored; * matches all. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
