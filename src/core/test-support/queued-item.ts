import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import type { FormDefinition } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import { finaliseDraft } from '../outbox/finalise-draft';

/** An application the page finalised into the outbox, as a person does: draft, answers, submit. */
export async function queued(db: XizmatDb, answers: Record<string, string | boolean> = VALID_ANSWERS, form: FormDefinition = SAMPLE_FORM) {
  const draft = await startDraft(db, form.serviceId, form.version);
  for (const [field, value] of Object.entries(answers)) await saveAnswer(db, draft.id, field, value);
  const result = await finaliseDraft(db, draft.id, form, SAMPLE_SOATO);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

/** A server that answers every item of a batch with a receipt echoing its id; `seen` gets each batch's ids. */
export function receiptServer(seen: string[][] = []): typeof fetch {
  let seq = 0;
  return async (_url, init) => {
    const { items } = JSON.parse(String(init?.body)) as { items: { id: string }[] };
    seen.push(items.map((i) => i.id));
    const results = items.map((item) => ({
      id: item.id, status: 201,
      receipt: { id: item.id, number: `XZ-2026-${String(++seq).padStart(6, '0')}`, receivedAt: new Date().toISOString() },
    }));
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
