import { isCitizenProof } from './citizen';
import { isDelegationProof } from './delegation';
import { isP256PublicJwk } from './p256-key';
import { ERROR_CODES } from './error-codes';
import { feedbackProblem, isFeedbackItem } from './feedback';
import { MAX_BATCH_ITEMS, MAX_ITEM_DEPTH, MAX_RAW_CHARS } from './limits';
import { onBehalfProblem } from './operator-auth';
import type { ApiError, SubmissionBatch, SubmissionItem } from './submissions';
import { isUuidV7 } from './uuid-v7';

type ParsedBatch = { ok: true; batch: SubmissionBatch } | { ok: false; error: ApiError };

/**
 * Checks the shape of a submissions batch before anything is stored: a batch is taken whole
 * or refused whole when its shape is wrong; content problems are judged item by item later.
 */
export function parseBatch(body: unknown): ParsedBatch {
  const fail = (code: ApiError['code'], message: string): ParsedBatch => ({ ok: false, error: { code, message } });
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items)) {
    return fail(ERROR_CODES.invalidBatch, 'Body must be an object with an "items" array.');
  }
  const items = (body as { items: unknown[] }).items;
  if (items.length === 0) return fail(ERROR_CODES.invalidBatch, 'The "items" array is empty.');
  if (items.length > MAX_BATCH_ITEMS) return fail(ERROR_CODES.tooManyItems, `At most ${MAX_BATCH_ITEMS} items per batch.`);
  // Every item bounded first, so nothing later walks a deep one (sealed items' digests are taken before opening).
  for (const [index, raw] of items.entries()) {
    if (typeof raw !== 'object' || raw === null) return fail(ERROR_CODES.invalidBatch, `Item ${index} is not an object.`);
    if (!nestsWithin(raw, MAX_ITEM_DEPTH)) return fail(ERROR_CODES.invalidBatch, `Item ${index} nests deeper than ${MAX_ITEM_DEPTH} levels.`);
  }
  const seen = new Set<string>();
  for (const [index, raw] of items.entries()) {
    const item = raw as Partial<Record<keyof SubmissionItem, unknown>>;
    if (item.id === undefined || item.id === null || item.id === '') {
      return fail(ERROR_CODES.missingId, `Item ${index} has no "id".`);
    }
    if (!isUuidV7(item.id)) return fail(ERROR_CODES.invalidId, `Item ${index}: "id" must be a lower-case UUIDv7.`);
    if (seen.has(item.id)) return fail(ERROR_CODES.duplicateIdInBatch, `Item ${index} repeats id ${item.id}.`);
    seen.add(item.id);
    if (isFeedbackItem(raw)) {
      const problem = feedbackProblem(raw);
      if (problem) return fail(ERROR_CODES.invalidBatch, `Item ${index}: ${problem}.`);
      continue;
    }
    if (item.revision !== undefined && (!Number.isInteger(item.revision) || (item.revision as number) < 1)) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "revision" must be a positive integer.`);
    }
    if (typeof item.serviceId !== 'string' || item.serviceId === '') {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "serviceId" must be a string.`);
    }
    if (!Number.isInteger(item.formVersion) || (item.formVersion as number) < 1) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "formVersion" must be a positive integer.`);
    }
    if (typeof item.finalisedAt !== 'string' || Number.isNaN(Date.parse(item.finalisedAt))) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "finalisedAt" must be an ISO 8601 time.`);
    }
    if (!isAnswers(item.answers)) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "answers" must map field ids to strings, booleans, lists of strings or lists of items.`);
    }
    if (item.onBehalf !== undefined) {
      const problem = onBehalfProblem(item.onBehalf);
      if (problem) return fail(ERROR_CODES.invalidBatch, `Item ${index}: ${problem}.`);
    }
    if (item.delegation !== undefined && !isDelegationProof(item.delegation)) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "delegation" must be { operatorId, keyId, signature }.`);
    }
    if (item.citizen !== undefined && !isCitizenProof(item.citizen)) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "citizen" must be { keyId, signature }.`);
    }
    if (item.citizen !== undefined && item.onBehalf !== undefined) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: an on-behalf application carries its operator's proof, not a citizen's.`);
    }
    if (item.replyKey !== undefined && !isP256PublicJwk(item.replyKey)) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "replyKey" must be an EC P-256 public JWK.`);
    }
    if (item.raw !== undefined && !isRaw(item.raw, item.answers as Record<string, unknown>)) {
      return fail(ERROR_CODES.invalidBatch, `Item ${index}: "raw" must map answered field ids to strings of at most ${MAX_RAW_CHARS} characters.`);
    }
  }
  return { ok: true, batch: { items: items as SubmissionBatch['items'] } };
}

/** True when objects and arrays in `value` nest at most `levels` deep; it never looks deeper than that. */
export function nestsWithin(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (levels === 0) return false;
  return Object.values(value).every((inner) => nestsWithin(inner, levels - 1));
}

/** Answers: text, a tick, ticked values, or group items whose answers are each of those but items. */
function isAnswers(value: unknown, nested = false): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => isScalar(v) || (!nested && Array.isArray(v) && v.every((item) => isAnswers(item, true))));
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

/** Raw input by answer path (`field` or `group.index.field`), each beside a text answer. */
function isRaw(value: unknown, answers: Record<string, unknown>): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([path, text]) => typeof text === 'string' && text.length <= MAX_RAW_CHARS && typeof answerAt(answers, path) === 'string');
}

function answerAt(answers: Record<string, unknown>, path: string): unknown {
  const [field, index, inner] = path.split('.');
  const value = answers[field!];
  if (index === undefined) return value;
  return Array.isArray(value) && inner !== undefined ? (value[Number(index)] as Record<string, unknown> | undefined)?.[inner] : undefined;
}
