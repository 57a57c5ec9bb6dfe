import { describe, expect, it } from 'vitest';
import { openDraft } from '../drafts/open-draft';
import { saveAnswer } from '../drafts/save-answer';
import { testDb } from '../test-support/test-db';
import { detachPhoto, forgetPhoto } from './detach-photo';
import { storePhoto } from './store-photo';

const SERVICE = 'birth-certificate-copy';
const photo = (byte: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, byte])], { type: 'image/jpeg' });

describe('detachPhoto', () => {
  it('empties the answer, forgets the photo and deletes its bytes when nothing else needs them', async () => {
    const db = testDb();
    const opened = await openDraft(db, SERVICE, 1);
    await saveAnswer(db, opened, 'lastName', 'Karimova');
    await storePhoto(db, opened.id, 'documentPhoto', photo(1));
    await detachPhoto(db, opened.id, 'documentPhoto', null);
    const draft = (await db.drafts.get(opened.id))!;
    expect(draft.answers).toEqual({ lastName: 'Karimova', documentPhoto: '' });
    expect(draft.photos).toEqual([]);
    expect(await db.blobs.count()).toBe(0);
  });

  it('keeps the bytes another draft still shows', async () => {
    const db = testDb();
    const first = await openDraft(db, SERVICE, 1);
    await saveAnswer(db, first, 'lastName', 'Karimova');
    const second = await openDraft(db, 'name-change', 1);
    await saveAnswer(db, second, 'lastName', 'Rahimova');
    const ref = await storePhoto(db, first.id, 'documentPhoto', photo(2));
    await storePhoto(db, second.id, 'photo', photo(2));
    await detachPhoto(db, first.id, 'documentPhoto', null);
    expect((await db.drafts.get(first.id))!.answers.documentPhoto).toBe('');
    expect((await db.drafts.get(second.id))!.answers.photo).toBe(ref);
    expect(await db.blobs.count()).toBe(1);
  });

  it('after a photo is replaced, forgets the first one, unless another question still shows it', async () => {
    const db = testDb();
    const opened = await openDraft(db, SERVICE, 1);
    await saveAnswer(db, opened, 'lastName', 'Karimova');
    const first = await storePhoto(db, opened.id, 'documentPhoto', photo(3));
    await storePhoto(db, opened.id, 'otherPhoto', photo(3));
    const second = await storePhoto(db, opened.id, 'documentPhoto', photo(4));
    await forgetPhoto(db, opened.id, first.slice('sha256:'.length), null);
    expect(await db.blobs.count()).toBe(2);
    await storePhoto(db, opened.id, 'otherPhoto', photo(4));
    await forgetPhoto(db, opened.id, first.slice('sha256:'.length), null);
    expect(await db.blobs.toCollection().primaryKeys()).toEqual([second.slice('sha256:'.length)]);
    expect((await db.drafts.get(opened.id))!.photos).toEqual([second.slice('sha256:'.length)]);
  });

  it('does nothing to a draft that is gone', async () => {
    const db = testDb();
    await expect(detachPhoto(db, 'no-such-draft', 'photo', null)).resolves.toBeUndefined();
  });
});
