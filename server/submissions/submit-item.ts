import { ERROR_CODES, hasErrors, validateAnswers, type ItemResult, type SubmissionItem } from '../../src/contract/index';
import { findForm, knowsService, type Content } from '../content/content';
import type { Storage } from '../storage/storage';
import { payloadHash } from './payload-hash';

/**
 * Judges and stores one application of a batch; items never affect each other. A stored id is
 * answered first, before any check against today's content: a retry of an application stored
 * last month gets its receipt even if the catalogue or the SOATO list changed since.
 */
export async function submitItem(item: SubmissionItem, content: Content, storage: Storage): Promise<ItemResult> {
  const hash = payloadHash(item);
  const stored = await storage.findReceipt(item.id);
  if (stored) return stored.payloadHash === hash ? { id: item.id, status: 200, receipt: stored.receipt } : idReused(item.id);

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

  // Saved in one transaction that checks the id again: a concurrent twin may have won the race.
  const saved = await storage.saveSubmission(item, hash);
  if (saved.kind === 'conflict') return idReused(item.id);
  return { id: item.id, status: saved.kind === 'created' ? 201 : 200, receipt: saved.receipt };
}

function idReused(id: string): ItemResult {
  const message = 'This id is stored already with different answers; the stored application is unchanged.';
  return { id, status: 422, error: { code: ERROR_CODES.idReused, message } };
}
