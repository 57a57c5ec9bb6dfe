import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ERROR_CODES, isFeedbackItem, isUuidV7, MAX_BODY_BYTES, parseBatch, type BatchResult, type FeedbackItem, type ItemResult, type SubmissionItem,
} from '../../src/contract/index';
import { authenticate, bearerToken, type AuthContext } from '../auth/auth-context';
import type { Content } from '../content/content';
import { errorBody, HttpError } from '../http/api-error';
import type { SourceLimits } from '../http/source-limits';
import type { Storage } from '../storage/storage';
import { deviceHashOf } from '../submissions/device-hash';
import { openSealedBatch, withReopen } from '../submissions/open-sealed-batch';
import { submitFeedback } from '../submissions/submit-feedback';
import { submitItem } from '../submissions/submit-item';

/** POST a batch of finalised applications and feedback; GET one application's status by its id. */
export async function submissionRoutes(
  app: FastifyInstance, { content, storage, auth, limits }: { content: Content; storage: Storage; auth: AuthContext; limits: SourceLimits },
) {
  app.post('/submissions', { bodyLimit: MAX_BODY_BYTES, onRequest: requireJson }, async (request, reply) => {
    // Sealed items (docs/security.md) are opened first; one that does not open is answered on its own.
    const { body, refused, sealedIds, digests } = await openSealedBatch(request.body, auth.keys);
    const opened = (body as { items?: unknown[] } | null)?.items;
    const accepted: ItemResult[] = [];
    if (refused.size === 0 || (opened?.length ?? 0) > 0) {
      const parsed = parseBatch(body);
      if (!parsed.ok) return reply.code(400).send({ error: { ...parsed.error, message: placesAsSent(parsed.error.message, refused) } });
      // One at a time, in the order sent: results line up with items and each commits on its own.
      const deviceHash = deviceHashOf(request);
      for (const item of parsed.batch.items) accepted.push(await judge(item, deviceHash));
    }
    // Back in the order sent: each refused item at its own place, the judged ones around it.
    const total = accepted.length + refused.size;
    const results: ItemResult[] = [];
    for (let index = 0; index < total; index++) results.push(refused.get(index) ?? accepted.shift()!);
    return { results } satisfies BatchResult;

    /**
     * One item's result, whatever happens to it: an item the server fails on is answered 503 on
     * its own, so the items committed before it keep their receipts and the phone sends it again.
     */
    async function judge(item: SubmissionItem | FeedbackItem, deviceHash: string | null): Promise<ItemResult> {
      const sender = { deviceHash, sealedDigest: digests.get(item.id), at: auth.now() };
      if (isFeedbackItem(item)) {
        const wait = limits.take('feedback', request);
        if (wait > 0) return { id: item.id, status: 429, error: { code: ERROR_CODES.rateLimited, message: `Too much feedback from this address; send it again in ${wait} s.` } };
      }
      try {
        return isFeedbackItem(item)
          ? await submitFeedback(item, content, storage, deviceHash)
          : await withReopen(await submitItem(item, content, storage, sender), item, sealedIds);
      } catch (error) {
        request.log.error({ err: error, id: item.id }, 'one item of a batch failed');
        return { id: item.id, status: 503, error: { code: ERROR_CODES.internal, message: 'The server failed on this item; send it again.' } };
      }
    }
  });

  app.get<{ Params: { id: string } }>('/submissions/:id', async (request, reply) => {
    const { id } = request.params;
    if (!isUuidV7(id)) throw new HttpError(400, ERROR_CODES.invalidId, 'The id must be a lower-case UUIDv7.');
    // A bearer token is judged before the id is looked at: a bad one is 401 whether or not the id exists.
    const operator = bearerToken(request) !== null ? (await authenticate(request, auth)).operator : null;
    // Only the phone that sent it, or the operator who applied with it, may read it; to anyone else it does not exist.
    const stored = await storage.findReceipt(id);
    const byPhone = stored !== null && stored.deviceHash !== null && stored.deviceHash === deviceHashOf(request);
    const byOperator = stored?.operatorId != null && operator?.id === stored.operatorId;
    const status = byPhone || byOperator ? await storage.getStatus(id) : null;
    if (!status) return reply.code(404).send(errorBody(ERROR_CODES.notFound, `No application ${id}.`));
    return status;
  });
}

/** parseBatch numbers the items it saw; with refused sealed items left out, name each by its place in the batch as sent. */
function placesAsSent(message: string, refused: Map<number, unknown>): string {
  return message.replace(/^Item (\d+)/, (_match, seen: string) => {
    let index = -1;
    for (let left = Number(seen); left >= 0; left--) do index++; while (refused.has(index));
    return `Item ${index}`;
  });
}

/** Refuses anything but JSON before the body is read; fastify would otherwise parse text/plain. */
async function requireJson(request: FastifyRequest) {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HttpError(415, ERROR_CODES.unsupportedMediaType, 'Send Content-Type: application/json.');
  }
}
