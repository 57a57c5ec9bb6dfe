import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../contract/index';
import { FAMILY_FORM } from '../../contract/test-support/family-form';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS, l } from '../../contract/test-support/sample-form';
import { finaliseDraft } from '../outbox/finalise-draft';
import { flushOutbox } from '../outbox/flush-outbox';
import { saveProfileValue } from '../profile/save-profile-value';
import { testDb } from '../test-support/test-db';
import { openDraft } from './open-draft';
import { saveAnswer } from './save-answer';

const V1 = { ...FAMILY_FORM, version: 1 } satisfies FormDefinition;
/** Version 2 adds a question: drafts on version 1 move to it. */
const V2_ADDS: FormDefinition = { ...V1, version: 2, sections: [{ ...V1.sections[0]!, fields: [...V1.sections[0]!.fields, { id: 'note', kind: 'text', label: l('Note') }] }, V1.sections[1]!] };
/** Version 3 drops the passport question: a draft that answered it stays on its version. */
const V3_DROPS: FormDefinition = { ...V1, version: 3, sections: [{ ...V1.sections[0]!, fields: V1.sections[0]!.fields.filter((f) => f.id !== 'passport') }, V1.sections[1]!] };

describe('openDraft', () => {
  it('moves a draft to a new version that only adds questions, answers kept', async () => {
    const db = testDb();
    await db.forms.bulkPut([V1, V2_ADDS]);
    const draft = await openDraft(db, V1.serviceId, 1);
    await saveAnswer(db, draft, 'passport', 'AA1234567');
    const reopened = await openDraft(db, V1.serviceId, 2);
    expect(reopened).toMatchObject({ id: draft.id, formVersion: 2, answers: { passport: 'AA1234567' }, formChange: { from: 1, to: 2, moved: true, changed: [] } });
    expect((await db.drafts.get(draft.id))?.formVersion).toBe(2);
  });

  it('keeps a draft on its version when an answered question changed, and says which', async () => {
    const db = testDb();
    await db.forms.bulkPut([V1, V3_DROPS]);
    const draft = await openDraft(db, V1.serviceId, 1);
    await saveAnswer(db, draft, 'passport', 'AA1234567');
    const reopened = await openDraft(db, V1.serviceId, 3);
    expect(reopened).toMatchObject({ id: draft.id, formVersion: 1, formChange: { from: 1, to: 3, moved: false, changed: ['passport'] } });
    expect(await db.drafts.get(draft.id)).toMatchObject({ formVersion: 1, answers: { passport: 'AA1234567' } });
  });

  it('prefills a new draft from the owner\'s profile', async () => {
    const db = testDb();
    const form: FormDefinition = { ...V1, sections: [{ ...V1.sections[0]!, fields: [{ id: 'pinfl', kind: 'pinfl', label: l('PINFL'), profile: 'pinfl' }] }] };
    await db.forms.put(form);
    await saveProfileValue(db, 'self', 'pinfl', '31507900010013');
    await saveProfileValue(db, 'other', 'pinfl', '41507900010012');
    expect(await openDraft(db, V1.serviceId, 1)).toMatchObject({ answers: { pinfl: '31507900010013' }, prefilled: true });
  });
});

describe('the submitted summary', () => {
  it('stays on the phone after the receipt drops the payload', async () => {
    const db = testDb();
    const draft = await openDraft(db, SAMPLE_FORM.serviceId, 1);
    for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft, field, value);
    const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO);
    expect(result.ok).toBe(true);
    const receipt = (id: string) => ({ id, status: 201, receipt: { id, number: 'XZ-2026-000001', receivedAt: new Date().toISOString() } });
    await flushOutbox(db, {
      fetch: async (_url, init) => new Response(JSON.stringify({ results: [receipt(JSON.parse(String(init?.body)).items[0].id)] }), { status: 200 }),
    });
    expect(await db.outbox.get(draft.id)).toMatchObject({ state: 'delivered', payload: null, answers: VALID_ANSWERS });
  });
});
