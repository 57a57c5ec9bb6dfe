import {
  SEALED_CODEC, formFields, hasErrors, isSealKey, parseAttachmentRef, sealJson, todayInTashkent, validateAnswers,
  type Answers, type FieldProblem, type FormDefinition, type OnBehalf, type SoatoList, type SubmissionItem,
} from '../../contract/index';
import type { AttachmentState, DraftRow, EncodedPayload, OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { replyKey } from '../device/reply-key';
import { prepareAnswers } from '../forms/prepare-answers';
import { keepSealed, sealPhotos } from '../photos/seal-photos';
import { SEAL_KEY_META } from '../sync/fetch-seal-key';
import { transition } from './outbox-machine';
import { citizenProofFor, type CitizenSigner } from './citizen-proof';
import { proofFor, type DelegationSigner } from './sign-item';

type FinaliseResult = { ok: true; item: OutboxRow } | { ok: false; problems: FieldProblem[] };

interface FinaliseOptions {
  /** An operator applying for a resident: who, for whom, and the resident's consent. */
  onBehalf?: OnBehalf;
  /** Reads a draft's answers; the vault decrypts those of a PIN-protected owner. */
  readAnswers?: (draft: DraftRow) => Promise<Answers>;
  /** With onBehalf: the signed-in operator's delegation key, whose proof the item carries. */
  delegation?: DelegationSigner;
  /**
   * Without onBehalf: the signed-in citizen's key, whose proof the item carries so the server files
   * it under them (and takes it for a service that needs a signed-in citizen).
   */
  citizen?: CitizenSigner;
}

/** Times a draft may change under a finalise that is sealing it before the finalise gives up. */
const MAX_SEAL_RACES = 3;

/**
 * Moves a draft into the outbox: validates it with the shared validator, then deletes the draft
 * and writes the queued item in one transaction, so the application is in exactly one place.
 * A draft the server sent back (same id, item in needs_action) is resubmitted under that id; a
 * second tap on Submit finds the item already queued and changes nothing. With the server's key
 * on the phone the item is sealed (docs/security.md) and its answers are not kept. Every item carries this
 * phone's reply key, so answers sent back about it open only here; an on-behalf one carries its
 * operator's proof beside it, and a signed-in citizen's own one the citizen's.
 */
export async function finaliseDraft(
  db: XizmatDb, draftId: string, form: FormDefinition, soato: SoatoList, now = new Date(), options: FinaliseOptions = {},
): Promise<FinaliseResult> {
  const { publicKey: replyTo } = await replyKey(db);
  for (let race = 0; ; race++) {
    // Everything read before sealing, in one transaction: each IndexedDB transaction costs a few
    // milliseconds on a low-end phone's main thread (docs/benchmarks.md, where interaction time goes).
    const [sealKeyRow, draft, existing] = await db.transaction('r', db.meta, db.drafts, db.outbox, () => Promise.all([
      db.meta.get(SEAL_KEY_META), db.drafts.get(draftId), db.outbox.get(draftId),
    ]));
    const sealKey = isSealKey(sealKeyRow?.value) ? sealKeyRow.value : null;
    if (!draft) {
      if (existing) return { ok: true, item: existing };
      throw new Error(`finaliseDraft: no draft ${draftId}`);
    }
    // Canonical answers of shown fields are validated and sent; what was typed travels beside them
    // where they differ. Names and addresses are never transliterated.
    const today = todayInTashkent(now);
    const { answers, raw } = prepareAnswers(form, options.readAnswers ? await options.readAnswers(draft) : draft.answers, today);
    const problems = validateAnswers(form, answers, soato, today);
    if (hasErrors(problems)) return { ok: false, problems };
    const submission: SubmissionItem = {
      id: draft.id,
      serviceId: draft.serviceId,
      formVersion: draft.formVersion,
      finalisedAt: now.toISOString(),
      answers,
      ...(Object.keys(raw).length > 0 ? { raw } : {}),
      ...(draft.revision && draft.revision > 1 ? { revision: draft.revision } : {}),
      ...(options.onBehalf ? { onBehalf: options.onBehalf } : {}),
      replyKey: replyTo,
    };
    // Sealed to the server's key before the transaction: WebCrypto's promises would end
    // an IndexedDB transaction early. Nobody on the phone can read a sealed item back, so the
    // answers are not kept beside it; only a phone that never reached the server sends readable JSON.
    const payload: EncodedPayload = sealKey
      ? { codec: SEALED_CODEC, body: JSON.stringify(await sealJson(submission, sealKey, draft.id)) }
      : { codec: 'json-v1', body: JSON.stringify(submission) };
    const kept = sealKey ? {} : { answers };
    // An application for someone else is vouched for by its operator, never by the phone's citizen.
    const proof = options.onBehalf
      ? (options.delegation ? { delegation: await proofFor(draft.id, payload, options.delegation) } : {})
      : (options.citizen ? { citizen: await citizenProofFor(draft.id, payload, options.citizen) } : {});
    // Its photos and documents too, unless the server holds them already: a stolen phone shows none.
    const held = existing?.attachments?.filter((a) => a.done).map((a) => a.sha256) ?? [];
    const toSeal = photoRefs(form, answers).map(([, sha256]) => sha256).filter((sha256) => !held.includes(sha256));
    const sealedPhotos = sealKey ? await sealPhotos(db, toSeal, sealKey) : [];
    const written = await db.transaction('rw', db.drafts, db.outbox, db.blobs, async (): Promise<FinaliseResult | null> => {
      const current = await db.drafts.get(draftId);
      const queued = await db.outbox.get(draftId);
      if (!current) return queued ? { ok: true, item: queued } : null;
      // An answer saved while this was sealing: seal again what the person last typed.
      if (current.updatedAt !== draft.updatedAt) return null;
      await keepSealed(db, draftId, sealedPhotos);
      const attachments = await attachmentsOf(db, form, answers, queued?.attachments ?? []);
      if (queued) {
        // Only an item the server sent back may take new answers; anything else keeps its own.
        // A delivered one the agency returned for correction goes again as its next revision.
        const type = queued.state === 'delivered' && draft.revision ? 'revise' : 'resubmit';
        const { answers: _earlier, delegation: _earlierProof, citizen: _earlierCitizen, ...rest } = transition(queued, { type, payload, at: now.getTime() });
        const item: OutboxRow = { ...rest, attachments, ...kept, ...proof };
        await db.outbox.put(item);
        await db.drafts.delete(draft.id);
        return { ok: true, item };
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
        ...kept,
        ...proof,
      };
      await db.outbox.add(item);
      await db.drafts.delete(draft.id);
      return { ok: true, item };
    });
    if (written) return written;
    if (!(await db.drafts.get(draftId)) && !(await db.outbox.get(draftId))) throw new Error(`finaliseDraft: no draft ${draftId}`);
    if (race >= MAX_SEAL_RACES) throw new Error(`finaliseDraft: ${draftId} kept changing while it was sealed`);
  }
}

/** The [field, sha256] of every photo and document the answers point at. */
function photoRefs(form: FormDefinition, answers: SubmissionItem['answers']): [string, string][] {
  const refs: [string, string][] = [];
  for (const field of formFields(form)) {
    const sha256 = field.kind === 'photo' || field.kind === 'file' ? parseAttachmentRef(answers[field.id]) : null;
    if (sha256) refs.push([field.id, sha256]);
  }
  return refs;
}

/** Every photo the answers point at, with its size, to upload after the application. */
async function attachmentsOf(
  db: XizmatDb, form: FormDefinition, answers: SubmissionItem['answers'], earlier: AttachmentState[],
): Promise<AttachmentState[]> {
  const attachments: AttachmentState[] = [];
  for (const [field, sha256] of photoRefs(form, answers)) {
    // A photo the server already holds (a returned application kept it) has left the phone: nothing to send.
    const held = earlier.find((a) => a.sha256 === sha256 && a.done);
    if (held) {
      attachments.push({ ...held, field });
      continue;
    }
    const stored = await db.blobs.get(sha256);
    if (!stored) throw new Error(`finaliseDraft: photo ${sha256} of ${field} is not on this phone`);
    attachments.push({ field, sha256, size: stored.size, type: stored.type, uploaded: 0, done: false });
  }
  return attachments;
}
