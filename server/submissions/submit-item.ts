import { ERROR_CODES, hasErrors, validateAnswers, type ItemResult, type SubmissionItem } from '../../src/contract/index';
import { findForm, knowsService, type Content } from '../content/content';
import type { Storage } from '../storage/storage';
import { completeIfAutomated } from './complete-if-automated';
import { payloadHash } from './payload-hash';

/**
 * Judges and stores one application of a batch; items never affect each other. A stored id is
 * answered first, before any check against today's content: a retry of an application stored
 * last month gets its receipt even if the catalogue or the SOATO list changed since.
 * `deviceHash` ties the application to the phone that sent it, which alone may ask its status,
 * and must be bound to the operator of an on-behalf application.
 */
export async function submitItem(item: SubmissionItem, content: Content, storage: Storage, deviceHash: string | null = null): Promise<ItemResult> {
  const hash = payloadHash(item);
  const revision = item.revision ?? 1;
  const stored = await storage.findReceipt(item.id);
  if (stored) {
    // A late retry of an earlier revision: the application has moved on, the phone just needs its receipt.
    if (revision < stored.revision) return { id: item.id, status: 200, receipt: stored.receipt };
    if (revision === stored.revision) {
      return stored.payloadHash === hash ? { id: item.id, status: 200, receipt: stored.receipt } : idReused(item.id);
    }
  } else if (revision > 1) {
    return notReturned(item.id);
  }
  // Issue 8: only a phone the operator signed in on, neither revoked nor disabled, applies in their name.
  if (item.onBehalf && !(deviceHash !== null && await storage.operators.isDeviceBound(deviceHash, item.onBehalf.operatorId))) {
    const message = 'This phone is not signed in by the operator named in the application; sign in again, then send it.';
    return { id: item.id, status: 403, error: { code: ERROR_CODES.operatorNotBound, message } };
  }

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

  if (stored) {
    // A corrected application after the agency returned it: same id, same number, next revision.
    const revised = await storage.reviseSubmission({ ...item, revision }, hash);
    if (revised.kind === 'not_returned' || revised.kind === 'not_found') return notReturned(item.id);
    if (revised.kind === 'revised') await completeIfAutomated(item, content, storage);
    return { id: item.id, status: revised.kind === 'revised' ? 201 : 200, receipt: revised.receipt };
  }
  // Saved in one transaction that checks the id again: a concurrent twin may have won the race.
  const saved = await storage.saveSubmission(item, hash, deviceHash);
  if (saved.kind === 'conflict') return idReused(item.id);
  if (saved.kind === 'created') await completeIfAutomated(item, content, storage);
  return { id: item.id, status: saved.kind === 'created' ? 201 : 200, receipt: saved.receipt };
}

function idReused(id: string): ItemResult {
  const message = 'This id is stored already with different answers; the stored application is unchanged.';
  return { id, status: 422, error: { code: ERROR_CODES.idReused, message } };
}

function notReturned(id: string): ItemResult {
  const message = 'A corrected application is accepted only after the agency returned it for correction.';
  return { id, status: 422, error: { code: ERROR_CODES.notReturned, message } };
}
