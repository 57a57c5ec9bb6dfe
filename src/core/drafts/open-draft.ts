import { OWNER_SELF, type DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { compareForms } from '../forms/compare-forms';
import { prefillAnswers } from '../forms/prefill-answers';
import { profileValues } from '../profile/profile-values';
import type { Vault } from '../vault/vault';
import { draftAnswers } from './draft-answers';
import { newDraft } from './start-draft';

/** What happened to a draft started on an older form version when it was opened. */
interface DraftFormChange {
  from: number;
  to: number;
  /** Moved to the new version (every answer keeps its meaning); otherwise it stays on `from`. */
  moved: boolean;
  /** Answered questions the new version dropped or asks differently. */
  changed: string[];
}

export interface OpenedDraft extends DraftRow {
  formChange?: DraftFormChange;
  /** Some answers of this new draft came from the person's profile. */
  prefilled?: boolean;
  /** A new draft not stored yet: the first answer keeps it (keepDraft), so a form opened and left leaves none. */
  unsaved?: true;
}

/**
 * The draft asked for, else the newest unfinished draft for this service, else a new one prefilled
 * from the profile, not stored until its first answer: a person never loses a half-filled form,
 * and opening a form leaves no empty draft behind. A draft on an older form version moves
 * to the current one when its answers keep their meaning; otherwise it keeps its version (the server
 * takes every published version) and the caller shows what changed. A draft is never dropped here.
 * Only the owner's drafts open: an id of someone else's is ignored. With the owner's vault, sealed
 * drafts and profile are read; the draft returned always carries its answers in clear (and no
 * `sealed` nor `reopened`), for the screen.
 */
export async function openDraft(
  db: XizmatDb, serviceId: string, currentVersion: number, draftId?: string, owner = OWNER_SELF, vault: Vault | null = null,
): Promise<OpenedDraft> {
  const asked = draftId ? await db.drafts.get(draftId) : undefined;
  const existing = asked?.serviceId === serviceId && asked.owner === owner
    ? asked
    : (await db.drafts.where('serviceId').equals(serviceId).filter((d) => d.owner === owner).sortBy('updatedAt')).at(-1);
  if (existing) {
    const readable = await inClear(db, existing, vault);
    return existing.formVersion < currentVersion ? moveToVersion(db, readable, currentVersion, vault) : readable;
  }
  const [form, profile] = await Promise.all([db.forms.get([serviceId, currentVersion]), db.profiles.get(owner)]);
  const answers = form && profile ? prefillAnswers(form, await profileValues(profile, vault)) : {};
  const draft: OpenedDraft = { ...newDraft(serviceId, currentVersion, owner, answers), unsaved: true };
  return Object.keys(answers).length > 0 ? { ...draft, prefilled: true } : draft;
}

/** The draft as the screen gets it: answers in clear, the ciphertexts left out. */
async function inClear(db: XizmatDb, draft: DraftRow, vault: Vault | null): Promise<DraftRow> {
  const { sealed: _sealed, reopened: _reopened, ...rest } = draft;
  return { ...rest, answers: await draftAnswers(db, draft, vault) };
}

async function moveToVersion(db: XizmatDb, draft: DraftRow, to: number, vault: Vault | null): Promise<OpenedDraft> {
  // A returned application is corrected on the version the agency judged.
  if (draft.serverProblems?.length) return draft;
  const [from, target] = await Promise.all([db.forms.get([draft.serviceId, draft.formVersion]), db.forms.get([draft.serviceId, to])]);
  if (!from || !target) return draft;
  const { compatible, changed } = compareForms(from, target, draft.answers);
  const formChange: DraftFormChange = { from: draft.formVersion, to, moved: compatible, changed };
  if (!compatible) return { ...draft, formChange };
  const moved = await db.transaction('rw', db.drafts, async () => {
    // Re-read inside the transaction: an answer saved meanwhile must move with the draft.
    const latest = await db.drafts.get(draft.id);
    if (!latest) return draft;
    const row = { ...latest, formVersion: to, updatedAt: new Date().toISOString() };
    await db.drafts.put(row);
    return row;
  });
  return { ...await inClear(db, moved, vault), formChange };
}
