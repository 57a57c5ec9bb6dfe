import { v7 as uuidv7 } from 'uuid';
import { feedbackProblem, type FeedbackItem, type FeedbackRating } from '../../contract/index';
import type { OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';

export interface FeedbackInput {
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
 * Puts a rating into the outbox (issue 9): it leaves with the next batch, exactly once, like an
 * application. Checked by the same contract function the server uses; the same id twice is one item.
 */
export async function queueFeedback(db: XizmatDb, input: FeedbackInput, now = new Date()): Promise<OutboxRow> {
  const item: FeedbackItem = {
    kind: 'feedback', id: input.id, serviceId: input.serviceId, applicationId: input.applicationId,
    rating: input.rating, comment: input.comment.normalize('NFC').trim(), givenAt: now.toISOString(),
  };
  const problem = feedbackProblem(item);
  if (problem) throw new Error(`queueFeedback: ${problem}`);
  return db.transaction('rw', db.outbox, async () => {
    const existing = await db.outbox.get(item.id);
    if (existing) return existing;
    const row: OutboxRow = {
      id: item.id, owner: input.owner, kind: 'feedback', applicationId: item.applicationId, serviceId: item.serviceId, formVersion: 0, state: 'queued',
      payload: { codec: 'json-v1', body: JSON.stringify(item) }, finalisedAt: item.givenAt, attempts: 0, lastAttemptAt: null,
      nextAttemptAt: now.getTime(), receipt: null, problem: null,
    };
    await db.outbox.add(row);
    return row;
  });
}
