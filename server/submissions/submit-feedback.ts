import { createHash } from 'node:crypto';
import { ERROR_CODES, type FeedbackItem, type ItemResult } from '../../src/contract/index';
import { knowsService, type Content } from '../content/content';
import type { Storage } from '../storage/storage';
import { canonicalJson } from './canonical-json';

/**
 * Stores one feedback item of a batch, idempotent by its id like an application: the same item
 * again gets the same receipt; the same id with another rating or comment is refused.
 */
export async function submitFeedback(item: FeedbackItem, content: Content, storage: Storage, deviceHash: string | null): Promise<ItemResult> {
  if (!knowsService(content, item.serviceId)) {
    return { id: item.id, status: 404, error: { code: ERROR_CODES.unknownService, message: `No service "${item.serviceId}".` } };
  }
  // givenAt is the device clock's note, left out like an application's finalisedAt.
  const bound = canonicalJson({ serviceId: item.serviceId, applicationId: item.applicationId, rating: item.rating, comment: item.comment });
  const hash = createHash('sha256').update(bound).digest('hex');
  const saved = await storage.saveFeedback(item, hash, deviceHash);
  if (saved.kind === 'conflict') {
    const message = 'This id is stored already with another rating or comment; the stored feedback is unchanged.';
    return { id: item.id, status: 422, error: { code: ERROR_CODES.idReused, message } };
  }
  return { id: item.id, status: saved.kind === 'created' ? 201 : 200, receipt: saved.receipt };
}
