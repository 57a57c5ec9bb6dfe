import { applicationFeeTiyin, ERROR_CODES, hasErrors, validateAnswers, type IdentityRule, type ItemResult, type SubmissionItem } from '../../src/contract/index';
import { findForm, knowsService, type Content } from '../content/content';
import type { Storage, StoredReceipt } from '../storage/storage';
import { checkCitizen, type Filed } from './check-citizen';
import { checkDelegation, type Vouched } from './check-delegation';
import { completeIfAutomated } from './complete-if-automated';
import { payloadHash } from './payload-hash';

/** Who brings an item, as far as the server can tell on arrival. */
interface Sender {
  /** The hash of the device key the batch came with; null without one. */
  deviceHash: string | null;
  /** A sealed item's wire digest (of its id and envelope), which its operator's or citizen's proof covers. */
  sealedDigest?: string;
  /** When the operator's delegation key is judged live; now by default. */
  at?: Date;
}

/**
 * Judges and stores one application of a batch; items never affect each other. The same id with
 * the same payload gets its stored receipt first, before any check against today's content: a
 * retry of an application stored last month gets its receipt even if the catalogue or the SOATO
 * list changed since. Anything else about a stored id (an earlier revision's receipt, other
 * answers, a correction) is answered only to whoever sent revision 1: its phone (device hash), or
 * its operator's valid proof. Anyone else is answered as if the id were new to them: a correction
 * is not_returned, a refused proof 403, bad answers validation_failed, and only a complete valid
 * application meets id_reused (where a new id would have been stored).
 */
export async function submitItem(item: SubmissionItem, content: Content, storage: Storage, sender: Sender = { deviceHash: null }): Promise<ItemResult> {
  const hash = payloadHash(item);
  const revision = item.revision ?? 1;
  const vouched: Vouched = item.onBehalf
    ? await checkDelegation(item, sender.sealedDigest, storage.operators, sender.at ?? new Date())
    : { ok: true };
  const filed = await checkCitizen(item, sender.sealedDigest, storage.citizens, identityRule(content, item.serviceId));
  const stored = await storage.findReceipt(item.id);
  // A retry, or another phone carrying the very same application (a hand-over file): its receipt.
  if (stored && revision === stored.revision && stored.payloadHash === hash) return receiptOf(item.id, stored);
  const applicant = stored !== null && isApplicant(stored, item, sender.deviceHash, vouched, filed);
  if (applicant) {
    // A late retry of an earlier revision: the application has moved on, the phone just needs its receipt.
    if (revision < stored.revision) return receiptOf(item.id, stored);
    if (revision === stored.revision) return idReused(item.id);
    // A correction keeps who applied for whom.
    if ((item.onBehalf?.operatorId ?? null) !== stored.operatorId) return notReturned(item.id);
  } else if (revision > 1) {
    return notReturned(item.id);
  }
  if (!vouched.ok) return vouched.refusal;
  if (!filed.ok) return filed.refusal;

  if (!knowsService(content, item.serviceId)) {
    return { id: item.id, status: 404, error: { code: ERROR_CODES.unknownService, message: `No service "${item.serviceId}".` } };
  }
  const form = findForm(content, item.serviceId, item.formVersion);
  if (!form) {
    const message = `"${item.serviceId}" has no form version ${item.formVersion}.`;
    return { id: item.id, status: 404, error: { code: ERROR_CODES.unknownFormVersion, message } };
  }
  const problems = validateAnswers(form, item.answers, content.soato);
  if (hasErrors(problems)) {
    const message = 'Some answers need correcting; nothing was stored.';
    return { id: item.id, status: 422, error: { code: ERROR_CODES.validationFailed, message, fields: problems } };
  }

  if (applicant) {
    // A corrected application after the agency returned it: same id, same number, next revision.
    const revised = await storage.reviseSubmission({ ...item, revision }, hash);
    if (revised.kind === 'not_returned' || revised.kind === 'not_found') return notReturned(item.id);
    if (revised.kind === 'revised') await completeIfAutomated(item, content, storage);
    return { id: item.id, status: revised.kind === 'revised' ? 201 : 200, receipt: revised.receipt };
  }
  // Someone else's valid application under a stored id: answered as a twin that lost the race.
  if (stored) return idReused(item.id);
  // Saved in one transaction that checks the id again: a concurrent twin may have won the race.
  // An on-behalf item is followed by the phone its operator signed it on, not the one that carried
  // it here (a hand-over): the carrier gets its receipt and nothing more of the resident's.
  // A citizen's likewise follows the phone their key was made on, and every phone they sign in on after.
  const followedBy = vouched.ok && vouched.signedOn !== undefined ? vouched.signedOn : filed.signedOn ?? sender.deviceHash;
  // A fee the form works out from the answers is billed on receipt, worked out here again, never taken from the phone.
  const fee = applicationFeeTiyin(form, item.answers, item.finalisedAt);
  const saved = await storage.saveSubmission(item, hash, followedBy, fee, filed.citizenId);
  if (saved.kind === 'conflict') return idReused(item.id);
  // With a fee it waits for payment first; completed once paid (payments/payme-routes.ts).
  if (saved.kind === 'created' && fee === null) await completeIfAutomated(item, content, storage);
  return { id: item.id, status: saved.kind === 'created' ? 201 : 200, receipt: saved.receipt };
}

/** The phone that sent revision 1, its operator with a valid proof, or its citizen's proof from any of their phones. A null device hash is nobody's. */
function isApplicant(stored: StoredReceipt, item: SubmissionItem, deviceHash: string | null, vouched: Vouched, filed: Filed): boolean {
  if (stored.deviceHash !== null && stored.deviceHash === deviceHash) return true;
  if (stored.citizenId !== null && filed.ok && filed.citizenId === stored.citizenId) return true;
  return stored.operatorId !== null && vouched.ok && item.onBehalf?.operatorId === stored.operatorId;
}

/** What the service's passport says of who may send; a service the catalogue dropped asks for nothing more than it did. */
function identityRule(content: Content, serviceId: string): IdentityRule {
  return content.catalogue.services.find((service) => service.id === serviceId)?.identity ?? 'optional';
}

function receiptOf(id: string, stored: StoredReceipt): ItemResult {
  return { id, status: 200, receipt: stored.receipt };
}

function idReused(id: string): ItemResult {
  const message = 'This id is stored already with different answers; the stored application is unchanged.';
  return { id, status: 422, error: { code: ERROR_CODES.idReused, message } };
}

function notReturned(id: string): ItemResult {
  const message = 'A corrected application is accepted only after the agency returned it for correction.';
  return { id, status: 422, error: { code: ERROR_CODES.notReturned, message } };
}
