import type { AnswerValue } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';

/** Stores one answer of a draft as it is typed, so a killed browser loses at most that keystroke. */
export async function saveAnswer(db: XizmatDb, draftId: string, field: string, value: AnswerValue): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(draftId);
    if (!draft) return;
    await db.drafts.put({ ...draft, answers: { ...draft.answers, [field]: value }, updatedAt: new Date().toISOString() });
  });
}
