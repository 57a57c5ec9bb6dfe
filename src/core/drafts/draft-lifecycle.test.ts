import { describe, expect, it } from 'vitest';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import { finaliseDraft } from '../outbox/finalise-draft';
import { storePhoto } from '../photos/store-photo';
import { saveProfileValue } from '../profile/save-profile-value';
import { testDb } from '../test-support/test-db';
import { deleteDraft } from './delete-draft';
import { openDraft } from './open-draft';
import { saveAnswer } from './save-answer';

const SERVICE = SAMPLE_FORM.serviceId;
const PHOTO = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });

describe('a draft', () => {
  it('is not stored when a form is opened and left without an answer, even prefilled', async () => {
    const db = testDb();
    await db.forms.put(SAMPLE_FORM);
    await saveProfileValue(db, 'self', 'pinfl', VALID_ANSWERS.pinfl as string);
    const opened = await openDraft(db, SERVICE, 1);
    expect(opened).toMatchObject({ unsaved: true });
    expect(await db.drafts.count()).toBe(0);
    // Opened again: still nothing stored, and nothing found to resume.
    expect(await openDraft(db, SERVICE, 1)).toMatchObject({ unsaved: true });
    expect(await db.drafts.count()).toBe(0);
  });

  it('starts at its first answer, under the id it opened with, and keeps every answer typed in a burst', async () => {
    const db = testDb();
    const opened = await openDraft(db, SERVICE, 1);
    // Not awaited one by one, as keystrokes on a slow phone: the first keeps the draft, the rest follow in order.
    await Promise.all([
      saveAnswer(db, opened, 'lastName', 'K'),
      saveAnswer(db, opened, 'lastName', 'Ka'),
      saveAnswer(db, opened.id, 'firstName', 'Dilnoza'),
      saveAnswer(db, opened, 'lastName', 'Karimova'),
    ]);
    const rows = await db.drafts.toArray();
    expect(rows.map((row) => [row.id, row.answers])).toEqual([[opened.id, { lastName: 'Karimova', firstName: 'Dilnoza' }]]);
    expect((await openDraft(db, SERVICE, 1)).id).toBe(opened.id);
  });

  it('is deleted by its owner with the photos only it used; another owner cannot, and an id that is not there changes nothing', async () => {
    const db = testDb();
    const opened = await openDraft(db, SERVICE, 1);
    await saveAnswer(db, opened, 'lastName', 'Karimova');
    await storePhoto(db, opened.id, 'photo', PHOTO);
    expect(await db.blobs.count()).toBe(1);
    expect(await deleteDraft(db, opened.id, 'resident:someone')).toBe(false);
    expect(await db.drafts.count()).toBe(1);
    expect(await deleteDraft(db, opened.id, 'self')).toBe(true);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    expect(await deleteDraft(db, opened.id, 'self')).toBe(false);
    // A later keystroke of a screen still open does not bring it back.
    await saveAnswer(db, opened.id, 'firstName', 'Dilnoza');
    expect(await db.drafts.count()).toBe(0);
  });

  it('never deletes an application in the outbox, nor a draft that corrects one', async () => {
    const db = testDb();
    const opened = await openDraft(db, SERVICE, 1);
    for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, opened, field, value);
    expect((await finaliseDraft(db, opened.id, SAMPLE_FORM, SAMPLE_SOATO)).ok).toBe(true);
    expect(await deleteDraft(db, opened.id, 'self')).toBe(false);
    expect(await db.outbox.get(opened.id)).toMatchObject({ state: 'queued' });

    // Sent back by the server for correction: the draft is that application's way back.
    await db.drafts.put({ id: opened.id, owner: 'self', serviceId: SERVICE, formVersion: 1, answers: {}, createdAt: '', updatedAt: '', serverProblems: [{ field: 'pinfl', code: 'pinfl_format', severity: 'error' }] });
    expect(await deleteDraft(db, opened.id, 'self')).toBe(false);
    const returned = await openDraft(db, 'other-service', 1);
    await saveAnswer(db, returned, 'note', 'x');
    await db.drafts.update(returned.id, { revision: 2 });
    expect(await deleteDraft(db, returned.id, 'self')).toBe(false);
    expect(await db.drafts.count()).toBe(2);
  });
});
