import { formFields, hasErrors, parseAttachmentRef, todayInTashkent, validateAnswers, type FieldProblem, type FormDefinition, type SoatoList, type SubmissionItem } from '../../contract/index';
import type { AttachmentState, OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { prepareAnswers } from '../forms/prepare-answers';
import { transition } from './outbox-machine';

export type FinaliseResult = { ok: true; item: OutboxRow } | { ok: false; problems: FieldProblem[] };

/**
 * Moves a draft into the outbox: validates it with the shared validator, then deletes the draft
 * and writes the queued item in one transaction, so the application is in exactly one place.
 * A draft the server sent back (same id, item in needs_action) is resubmitted under that id; a
 * second tap on Submit finds the item already queued and changes nothing.
 */
export async function finaliseDraft(
  db: XizmatDb, draftId: string, form: FormDefinition, soato: SoatoList, now = new Date(),
): Promise<FinaliseResult> {
  return db.transaction('rw', db.drafts, db.outbox, db.blobs, async () => {
    const draft = await db.drafts.get(draftId);
    const existing = await db.outbox.get(draftId);
    if (!draft) {
      if (existing) return { ok: true as const, item: existing };
      throw new Error(`finaliseDraft: no draft ${draftId}`);
    }
    // Canonical answers of shown fields are validated and sent; what was typed travels beside them
    // where they differ. Names and addresses are never transliterated.
    const today = todayInTashkent(now);
    const { answers, raw } = prepareAnswers(form, draft.answers, today);
    const problems = validateAnswers(form, answers, soato, today);
    if (hasErrors(problems)) return { ok: false as const, problems };
    const submission: SubmissionItem = {
      id: draft.id,
      serviceId: draft.serviceId,
      formVersion: draft.formVersion,
      finalisedAt: now.toISOString(),
      answers,
      ...(Object.keys(raw).length > 0 ? { raw } : {}),
      ...(draft.revision && draft.revision > 1 ? { revision: draft.revision } : {}),
    };
    const payload = { codec: 'json-v1' as const, body: JSON.stringify(submission) };
    const attachments = await attachmentsOf(db, form, answers, existing?.attachments ?? []);
    if (existing) {
      // Only an item the server sent back may take new answers; anything else keeps its own.
      // A delivered one the agency returned (issue 9) goes again as its next revision.
      const type = existing.state === 'delivered' && draft.revision ? 'revise' : 'resubmit';
      const item = { ...transition(existing, { type, payload, at: now.getTime() }), attachments, answers };
      await db.outbox.put(item);
      await db.drafts.delete(draft.id);
      return { ok: true as const, item };
    }
    const item: OutboxRow = {
      id: draft.id,
      owner: draft.owner,
      serviceId: draft.serviceId,
      formVersion: draft.formVersion,
      state: 'queued',
      payload,
      finalisedAt: submission.finalisedAt,
      attempts: 0,
      lastAttemptAt: null,
      nextAttemptAt: now.getTime(),
      receipt: null,
      problem: null,
      attachments,
      answers,
    };
    await db.outbox.add(item);
    await db.drafts.delete(draft.id);
    return { ok: true as const, item };
  });
}

/** Every photo the answers point at, with its size, to upload after the application. */
async function attachmentsOf(
  db: XizmatDb, form: FormDefinition, answers: SubmissionItem['answers'], earlier: AttachmentState[],
): Promise<AttachmentState[]> {
  const attachments: AttachmentState[] = [];
  for (const field of formFields(form)) {
    const sha256 = field.kind === 'photo' || field.kind === 'file' ? parseAttachmentRef(answers[field.id]) : null;
    if (!sha256) continue;
    // A photo the server already holds (a returned application kept it) has left the phone: nothing to send.
    const held = earlier.find((a) => a.sha256 === sha256 && a.done);
    if (held) {
      attachments.push({ ...held, field: field.id });
      continue;
    }
    const stored = await db.blobs.get(sha256);
    if (!stored) throw new Error(`finaliseDraft: photo ${sha256} of ${field.id} is not on this phone`);
    attachments.push({ field: field.id, sha256, size: stored.size, type: stored.type, uploaded: 0, done: false });
  }
  return attachments;
}
