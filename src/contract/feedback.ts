import { isUuidV7 } from './uuid-v7';

/** The longest feedback comment, in characters: a few paragraphs, typed on a phone. */
export const FEEDBACK_COMMENT_MAX_CHARS = 1_000;
export const FEEDBACK_RATINGS = [1, 2, 3, 4, 5] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];

/**
 * A citizen's rating of a service, or of one completed application of it, so the agency hears how it went. It travels in
 * the same outbox and batch as applications, so the same exactly-once rules hold.
 */
export interface FeedbackItem {
  kind: 'feedback';
  /** UUIDv7 made when the person pressed Send; the idempotency key. */
  id: string;
  serviceId: string;
  /** The application it is about, or null for the service in general. */
  applicationId: string | null;
  rating: FeedbackRating;
  comment: string;
  /** Device clock, informational. */
  givenAt: string;
}

/** Per service, for the back office: how many ratings, their mean, and how many of each star. */
export interface FeedbackSummary {
  serviceId: string;
  count: number;
  average: number;
  /** distribution[0] counts ones, distribution[4] fives. */
  distribution: [number, number, number, number, number];
}

export function isFeedbackItem(value: unknown): value is FeedbackItem {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'feedback';
}

/** Why a feedback item is malformed, or null when its shape is right. Same check on both sides. */
export function feedbackProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const f = value as Partial<Record<keyof FeedbackItem, unknown>>;
  if (f.kind !== 'feedback') return '"kind" must be "feedback"';
  if (!isUuidV7(f.id)) return '"id" must be a lower-case UUIDv7';
  if (typeof f.serviceId !== 'string' || f.serviceId === '') return '"serviceId" must be a string';
  if (f.applicationId !== null && !isUuidV7(f.applicationId)) return '"applicationId" must be a UUIDv7 or null';
  if (!(FEEDBACK_RATINGS as readonly unknown[]).includes(f.rating)) return '"rating" must be a whole number from 1 to 5';
  if (typeof f.comment !== 'string' || [...f.comment].length > FEEDBACK_COMMENT_MAX_CHARS) {
    return `"comment" must be text of at most ${FEEDBACK_COMMENT_MAX_CHARS} characters`;
  }
  if (typeof f.givenAt !== 'string' || Number.isNaN(Date.parse(f.givenAt))) return '"givenAt" must be an ISO 8601 time';
  return null;
}
