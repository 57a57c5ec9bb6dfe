import type { AnswerValue } from '../../contract/index';
import type { DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { serialised } from '../vault/serialised';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault-error';
import { draftAnswers } from './draft-answers';
import { keepDraft } from './keep-draft';
import type { OpenedDraft } from './open-draft';
import { storedAnswers } from './stored-answers';

/** Tries before giving up when another context keeps changing the draft between read and write. */
const MAX_WRITE_TRIES = 5;

/**
 * Stores one answer of a draft as it is typed, so a killed browser loses at most that keystroke.
 * With the owner's vault the draft is sealed: decrypted, changed and encrypted outside the
 * transaction, then written in a short one that checks nothing changed meanwhile (else again);
 * writes to one draft run in order. Without a vault a sealed draft is refused, never half-written.
 * Given the draft openDraft made and did not store (`unsaved`), the first answer keeps it first: a
 * draft starts at its first answer. Given an id, a draft that is not there (deleted) stays gone.
 */
export async function saveAnswer(db: XizmatDb, draft: string | OpenedDraft, field: string, value: AnswerValue, vault: Vault | null = null): Promise<void> {
  const draftId = typeof draft === 'string' ? draft : draft.id;
  const start = typeof draft !== 'string' && draft.unsaved ? draft : null;
  // In order per draft: the first keystroke keeps the draft before the second is written.
  await serialised(`draft:${draftId}`, async () => {
    if (start) await keepDraft(db, start, vault);
    if (vault) await writeSealed(db, draftId, field, value, vault);
    else await writeClear(db, draftId, field, value);
  });
}

async function writeClear(db: XizmatDb, draftId: string, field: string, value: AnswerValue): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(draftId);
    if (!draft) return;
    if (draft.sealed || draft.reopened) throw new VaultError('locked', draft.owner);
    await db.drafts.put({ ...draft, answers: { ...draft.answers, [field]: value }, updatedAt: new Date().toISOString() });
  });
}

async function writeSealed(db: XizmatDb, draftId: string, field: string, value: AnswerValue, vault: Vault): Promise<void> {
  for (let tries = 1; ; tries++) {
    const draft = await db.drafts.get(draftId);
    if (!draft) return;
    const stored = await storedAnswers(draft.owner, draft.id, { ...(await draftAnswers(db, draft, vault)), [field]: value }, vault);
    const written = await db.transaction('rw', db.drafts, async () => {
      const latest = await db.drafts.get(draftId);
      if (!latest) return true;
      if (!sameAnswers(latest, draft)) return false;
      // What the server sent back is in the new ciphertext now.
      const { reopened: _folded, ...rest } = latest;
      await db.drafts.put({ ...rest, ...stored, updatedAt: new Date().toISOString() });
      return true;
    });
    if (written) return;
    if (tries >= MAX_WRITE_TRIES) throw new Error(`saveAnswer: draft ${draftId} kept changing`);
  }
}

/** Same stored answers: a fresh IV per encryption makes the IV a version mark of a sealed row. */
function sameAnswers(a: DraftRow, b: DraftRow): boolean {
  return a.sealed?.iv === b.sealed?.iv && a.reopened?.iv === b.reopened?.iv && JSON.stringify(a.answers) === JSON.stringify(b.answers);
}
