import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { FormDefinition } from '../../contract/index';
import { FAMILY_FORM } from '../../contract/test-support/family-form';
import { l } from '../../contract/test-support/sample-form';
import { OWNER_SELF } from '../db/records';
import { XizmatDb } from '../db/xizmat-db';
import { saveProfileValue } from '../profile/save-profile-value';
import { testDb } from '../test-support/test-db';
import { createLock } from '../vault/create-lock';
import { draftAnswers } from './draft-answers';
import { openDraft } from './open-draft';
import { saveAnswer } from './save-answer';
import { startDraft } from './start-draft';

const FAST = 1_000;
const PIN = '271828';
const PINFL = '31507900010013';
const V1 = { ...FAMILY_FORM, version: 1 } satisfies FormDefinition;
const V2_ADDS: FormDefinition = { ...V1, version: 2, sections: [{ ...V1.sections[0]!, fields: [...V1.sections[0]!.fields, { id: 'note', kind: 'text', label: l('Note') }] }, V1.sections[1]!] };

describe('a sealed draft', () => {
  it('does not open when its ciphertext is moved to another draft or another owner', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const a = await openDraft(db, V1.serviceId, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, a, 'pinfl', PINFL, vault);
    const b = await startDraft(db, 'other-service', 1, OWNER_SELF, {}, vault);
    const stolen = (await db.drafts.get(a.id))!.sealed!;
    await db.drafts.update(b.id, { sealed: stolen });
    await expect(draftAnswers(db, (await db.drafts.get(b.id))!, vault)).rejects.toMatchObject({ reason: 'tampered' });
    await db.drafts.update(a.id, { owner: 'resident:x' });
    await expect(draftAnswers(db, (await db.drafts.get(a.id))!, vault)).rejects.toMatchObject({ reason: 'tampered' });
  });

  it('is refused without a vault, never read or written half in clear', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await openDraft(db, V1.serviceId, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, draft, 'pinfl', PINFL, vault);
    const before = await db.drafts.get(draft.id);
    await expect(saveAnswer(db, draft, 'passport', 'AA1234567')).rejects.toMatchObject({ reason: 'locked' });
    await expect(openDraft(db, V1.serviceId, 1, draft.id)).rejects.toMatchObject({ reason: 'locked' });
    await expect(saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL, vault).then(() => saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL))).rejects.toMatchObject({ reason: 'locked' });
    expect(await db.drafts.get(draft.id)).toEqual(before);
  });

  it('keeps every keystroke in order when saves are not awaited one by one', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await openDraft(db, V1.serviceId, 1, undefined, OWNER_SELF, vault);
    const typed = 'Karimova Dilnoza';
    const saves = [...typed].map((_, i) => saveAnswer(db, draft, 'name', typed.slice(0, i + 1), vault));
    saves.push(saveAnswer(db, draft, 'pinfl', PINFL, vault));
    await Promise.all(saves);
    expect(await draftAnswers(db, (await db.drafts.get(draft.id))!, vault)).toEqual({ name: typed, pinfl: PINFL });
  });

  it('does not lose a write another tab made between its read and its write', async () => {
    const indexedDB = new IDBFactory();
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    const otherTab = new XizmatDb({ indexedDB, IDBKeyRange });
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await startDraft(db, V1.serviceId, 1, OWNER_SELF, {}, vault);
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'encrypt').mockImplementationOnce(async (...args) => {
      await otherTab.drafts.update(draft.id, { answers: { photo: 'sha256:abc' } });
      return encrypt(...args);
    });
    try {
      await saveAnswer(db, draft.id, 'pinfl', PINFL, vault);
    } finally {
      spy.mockRestore();
    }
    const row = (await db.drafts.get(draft.id))!;
    expect(row.answers).toEqual({});
    expect(await draftAnswers(db, row, vault)).toEqual({ pinfl: PINFL, photo: 'sha256:abc' });
  });

  it('reads a photo reference written in clear beside it by keyless code, and folds it in at the next save', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await openDraft(db, V1.serviceId, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, draft, 'pinfl', PINFL, vault);
    await db.drafts.update(draft.id, { answers: { photo: 'sha256:abc' } });
    expect(await draftAnswers(db, (await db.drafts.get(draft.id))!, vault)).toEqual({ pinfl: PINFL, photo: 'sha256:abc' });
    await saveAnswer(db, draft, 'passport', 'AA1234567', vault);
    const row = (await db.drafts.get(draft.id))!;
    expect(row.answers).toEqual({});
    expect(await draftAnswers(db, row, vault)).toEqual({ pinfl: PINFL, photo: 'sha256:abc', passport: 'AA1234567' });
  });

  it('moves to a new form version that only adds questions and stays sealed', async () => {
    const db = testDb();
    await db.forms.bulkPut([V1, V2_ADDS]);
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await openDraft(db, V1.serviceId, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, draft, 'passport', 'AA1234567', vault);
    const reopened = await openDraft(db, V1.serviceId, 2, undefined, OWNER_SELF, vault);
    expect(reopened).toMatchObject({ id: draft.id, formVersion: 2, answers: { passport: 'AA1234567' }, formChange: { moved: true } });
    expect(reopened.sealed).toBeUndefined();
    expect(await db.drafts.get(draft.id)).toMatchObject({ formVersion: 2, answers: {}, sealed: expect.any(Object) });
  });

  it('starts prefilled from the sealed profile of its owner', async () => {
    const db = testDb();
    const form: FormDefinition = { ...V1, sections: [{ ...V1.sections[0]!, fields: [{ id: 'pinfl', kind: 'pinfl', label: l('PINFL'), profile: 'pinfl' }] }] };
    await db.forms.put(form);
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    await saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL, vault);
    const draft = await openDraft(db, V1.serviceId, 1, undefined, OWNER_SELF, vault);
    expect(draft).toMatchObject({ answers: { pinfl: PINFL }, prefilled: true });
    await saveAnswer(db, draft, 'name', 'Karimova', vault);
    const row = await db.drafts.get(draft.id);
    expect(row?.sealed).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(PINFL);
    expect(await draftAnswers(db, row!, vault)).toEqual({ pinfl: PINFL, name: 'Karimova' });
  });

  it('of another owner is not opened by its id', async () => {
    const db = testDb();
    const theirs = await openDraft(db, V1.serviceId, 1, undefined, 'resident:a');
    await saveAnswer(db, theirs, 'pinfl', PINFL);
    const mine = await openDraft(db, V1.serviceId, 1, theirs.id, 'resident:b');
    expect(mine.id).not.toBe(theirs.id);
    expect(mine.answers).toEqual({});
  });
});
