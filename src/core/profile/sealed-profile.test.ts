import { describe, expect, it } from 'vitest';
import { OWNER_SELF } from '../db/records';
import { testDb } from '../test-support/test-db';
import { createLock } from '../vault/create-lock';
import { profileValues } from './profile-values';
import { saveProfileValue } from './save-profile-value';

const FAST = 1_000;
const PINFL = '31507900010013';

describe('a profile', () => {
  it('stays in clear for an owner without a PIN, as before', async () => {
    const db = testDb();
    await saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL);
    expect(await db.profiles.get(OWNER_SELF)).toMatchObject({ values: { pinfl: PINFL } });
    expect(await profileValues(await db.profiles.get(OWNER_SELF), null)).toEqual({ pinfl: PINFL });
    expect(await profileValues(undefined, null)).toEqual({});
  });

  it('is sealed under the vault, every value kept, none in clear', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, '271828', { iterations: FAST });
    await Promise.all([
      saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL, vault),
      saveProfileValue(db, OWNER_SELF, 'lastName', 'Karimova', vault),
      saveProfileValue(db, OWNER_SELF, 'lastName', 'Karimova-Aliyeva', vault),
    ]);
    const row = await db.profiles.get(OWNER_SELF);
    expect(row).toMatchObject({ values: {}, sealed: expect.any(Object) });
    expect(JSON.stringify(row)).not.toContain('Karimova');
    expect(await profileValues(row, vault)).toEqual({ pinfl: PINFL, lastName: 'Karimova-Aliyeva' });
    await expect(profileValues(row, null)).rejects.toMatchObject({ reason: 'locked' });
  });

  it('does not open as another owner\'s, even under the same key', async () => {
    const db = testDb();
    const vault = await createLock(db, 'operator:op1', '271828', { iterations: FAST });
    await saveProfileValue(db, 'resident:a', 'pinfl', PINFL, vault);
    const row = (await db.profiles.get('resident:a'))!;
    await expect(profileValues({ ...row, owner: 'resident:b' }, vault)).rejects.toMatchObject({ reason: 'tampered' });
  });
});
