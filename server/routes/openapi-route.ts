import type { FastifyInstance } from 'fastify';
import { REVALIDATE } from '../http/cache-control';
import { sendJsonDocument, toJsonDocument } from '../http/json-document';
import { openApiDocument } from '../openapi';

/** GET /openapi.json: the API described by the document in server/openapi.ts. */
export async function openApiRoute(app: FastifyInstance) {
  const doc = toJsonDocument(openApiDocument);
  app.get('/openapi.json', (request, reply) => sendJsonDocument(request, reply, doc, REVALIDATE));
}
