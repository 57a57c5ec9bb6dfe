import { v7 as uuidv7 } from 'uuid';
import { SEALED_CODEC, feedbackProblem, sealJson, type FeedbackItem, type FeedbackRating } from '../../contract/index';
import type { EncodedPayload, OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { sealKeyOf } from '../sync/fetch-seal-key';

interface FeedbackInput {
  /** Made once per feedback form, so a second tap on Send queues nothing new. */
  id: string;
  owner: string;
  serviceId: string;
  applicationId: string | null;
  rating: FeedbackRating;
  comment: string;
}

/** A fresh id for one feedback form. */
export function newFeedbackId(): string {
  return uuidv7();
}

/**
 * Puts a rating into the outbox: it leaves with the next batch, exactly once, like an
 * application. Checked by the same contract function the server uses; the same id twice is one item.
 */
export async function queueFeedback(db: XizmatDb, input: FeedbackInput, now = new Date()): Promise<OutboxRow> {
  const item: FeedbackItem = {
    kind: 'feedback', id: input.id, serviceId: input.serviceId, applicationId: input.applicationId,
    rating: input.rating, comment: input.comment.normalize('NFC').trim(), givenAt: now.toISOString(),
  };
  const problem = feedbackProblem(item);
  if (problem) throw new Error(`queueFeedback: ${problem}`);
  // A comment can be personal: sealed to the server's key like an application (docs/security.md), before
  // the transaction, since WebCrypto's promises would end it early.
  const key = await sealKeyOf(db);
  const payload: EncodedPayload = key
    ? { codec: SEALED_CODEC, body: JSON.stringify(await sealJson(item, key, item.id)) }
    : { codec: 'json-v1', body: JSON.stringify(item) };
  return db.transaction('rw', db.outbox, async () => {
    const existing = await db.outbox.get(item.id);
    if (existing) return existing;
    const row: OutboxRow = {
      id: item.id, owner: input.owner, kind: 'feedback', applicationId: item.applicationId, serviceId: item.serviceId, formVersion: 0, state: 'queued',
      payload, finalisedAt: item.givenAt, attempts: 0, lastAttemptAt: null,
      nextAttemptAt: now.getTime(), receipt: null, problem: null,
    };
    await db.outbox.add(row);
    return row;
  });
}
