import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ERROR_CODES, isFeedbackItem, isUuidV7, MAX_BODY_BYTES, parseBatch, type BatchResult, type ItemResult } from '../../src/contract/index';
import type { Content } from '../content/content';
import { errorBody, HttpError } from '../http/api-error';
import type { Storage } from '../storage/storage';
import { deviceHashOf } from '../submissions/device-hash';
import { submitFeedback } from '../submissions/submit-feedback';
import { submitItem } from '../submissions/submit-item';

/** POST a batch of finalised applications and feedback; GET one application's status by its id. */
export async function submissionRoutes(app: FastifyInstance, { content, storage }: { content: Content; storage: Storage }) {
  app.post('/submissions', { bodyLimit: MAX_BODY_BYTES, onRequest: requireJson }, async (request, reply) => {
    const parsed = parseBatch(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const results: ItemResult[] = [];
    // One at a time, in the order sent: results line up with items and each commits on its own.
    const deviceHash = deviceHashOf(request);
    for (const item of parsed.batch.items) {
      results.push(isFeedbackItem(item)
        ? await submitFeedback(item, content, storage, deviceHash)
        : await submitItem(item, content, storage, deviceHash));
    }
    return { results } satisfies BatchResult;
  });

  app.get<{ Params: { id: string } }>('/submissions/:id', async (request, reply) => {
    const { id } = request.params;
    if (!isUuidV7(id)) throw new HttpError(400, ERROR_CODES.invalidId, 'The id must be a lower-case UUIDv7.');
    // Only the phone that sent it may read it; to anyone else it does not exist.
    const stored = await storage.findReceipt(id);
    const status = stored && stored.deviceHash !== null && stored.deviceHash === deviceHashOf(request) ? await storage.getStatus(id) : null;
    if (!status) return reply.code(404).send(errorBody(ERROR_CODES.notFound, `No application ${id}.`));
    return status;
  });
}

/** Refuses anything but JSON before the body is read; fastify would otherwise parse text/plain. */
async function requireJson(request: FastifyRequest) {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HttpError(415, ERROR_CODES.unsupportedMediaType, 'Send Content-Type: application/json.');
  }
}
