import { createHash } from 'node:crypto';
import type { SubmissionItem } from '../../src/contract/index';
import { canonicalJson } from './canonical-json';

/**
 * What an id is bound to. `finalisedAt` is left out on purpose: it is the device clock's note,
 * and a resend with a re-stamped time is still the same application.
 */
export function submissionPayload(item: SubmissionItem): string {
  const raw = item.raw && Object.keys(item.raw).length > 0 ? { raw: item.raw } : {};
  return canonicalJson({ serviceId: item.serviceId, formVersion: item.formVersion, answers: item.answers, ...raw });
}

/**
 * sha256 hex of the canonical payload: equal hashes under one id mean a replay, not a new application.
 * Who applied for whom (an operator for a resident) is bound too, so the same id cannot come back for another resident;
 * an item without onBehalf hashes as it always did.
 */
export function payloadHash(item: SubmissionItem): string {
  const hash = createHash('sha256').update(submissionPayload(item));
  if (item.onBehalf) hash.update('\n').update(canonicalJson(item.onBehalf));
  return hash.digest('hex');
}
