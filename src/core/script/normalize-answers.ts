import { normalizeInput } from './normalize-input';

export interface NormalizedAnswers {
  /** Every text answer in the canonical form (normalizeInput); other answers as they were. */
  answers: Record<string, string | boolean>;
  /** What the person typed, for each answer that normalisation changed: kept for legal fields. */
  raw: Record<string, string>;
}

/**
 * Normalises a form's answers for sending and storing, keeping the raw input beside them. Safe for
 * every field kind: choice values, PINFL digits, ISO dates and phone numbers pass through unchanged
 * apart from white space.
 */
export function normalizeAnswers(answers: Record<string, string | boolean>): NormalizedAnswers {
  const normalized: Record<string, string | boolean> = {};
  const raw: Record<string, string> = {};
  for (const [field, value] of Object.entries(answers)) {
    if (typeof value !== 'string') { normalized[field] = value; continue; }
    const canonical = normalizeInput(value);
    normalized[field] = canonical;
    if (canonical !== value) raw[field] = value;
  }
  return { answers: normalized, raw };
}
