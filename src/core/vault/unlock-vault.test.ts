import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MAX_PIN_ATTEMPTS } from '../../contract/index';
import { OWNER_SELF, operatorOwner, residentOwner, type OutboxRow } from '../db/records';
import { XizmatDb } from '../db/xizmat-db';
import { openDraft } from '../drafts/open-draft';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import { profileValues } from '../profile/profile-values';
import { saveProfileValue } from '../profile/save-profile-value';
import { testDb } from '../test-support/test-db';
import { changePin } from './change-pin';
import { createLock } from './create-lock';
import { encryptJson } from './encrypt-json';
import { sealOwnerData } from './seal-owner-data';
import { unlockVault } from './unlock-vault';

/** Few PBKDF2 iterations keep these tests fast; the count is stored per lock, so the code path is the same. */
const FAST = 1_000;
const PIN = '271828';
const WRONG = '000000';
const PINFL = '31507900010013';
const NAME = 'Karimova Dilnoza';
const SERVICE = 'birth-certificate-copy';

const outboxItem = (id: string, owner: string): OutboxRow => ({
  id, owner, serviceId: SERVICE, formVersion: 1, state: 'queued', payload: { codec: 'json-v1', body: '{"sealed":"..."}' },
  finalisedAt: '2026-11-30T10:00:00.000Z', attempts: 0, lastAttemptAt: null, nextAttemptAt: 0, receipt: null, problem: null,
});

async function allRows(db: XizmatDb): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(tables);
}

describe('unlockVault', () => {
  it('opens with the right PIN and reads a draft back', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await openDraft(db, SERVICE, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, draft, 'pinfl', PINFL, vault);
    await saveAnswer(db, draft, 'name', NAME, vault);
    const unlocked = await unlockVault(db, OWNER_SELF, PIN, FAST);
    if (!unlocked.ok) throw new Error(unlocked.reason);
    expect(unlocked.vault.owner).toBe(OWNER_SELF);
    expect(unlocked.vault.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', unlocked.vault.key)).rejects.toThrow();
    expect(await openDraft(db, SERVICE, 1, draft.id, OWNER_SELF, unlocked.vault)).toMatchObject({ id: draft.id, answers: { pinfl: PINFL, name: NAME } });
  });

  it('leaves no answer or profile value in clear in any table', async () => {
    const db = testDb();
    const vault = await createLock(db, operatorOwner('op1'), PIN, { iterations: FAST });
    const resident = residentOwner('r1');
    await db.residents.add({ id: 'r1', operator: 'op1', sealed: await encryptJson(vault, { name: NAME }, 'resident r1'), createdAt: '2026-11-30T10:00:00.000Z' });
    await saveProfileValue(db, resident, 'pinfl', PINFL, vault);
    await saveProfileValue(db, resident, 'lastName', NAME, vault);
    const draft = await openDraft(db, SERVICE, 1, undefined, resident, vault);
    await saveAnswer(db, draft, 'pinfl', PINFL, vault);
    await saveAnswer(db, draft, 'fullName', NAME, vault);
    const dump = await allRows(db);
    expect(dump).not.toContain(PINFL);
    expect(dump).not.toContain('Karimova');
    expect(dump).not.toContain(PIN);
    expect(await profileValues(await db.profiles.get(resident), vault)).toEqual({ pinfl: PINFL, lastName: NAME });
  });

  it('counts a wrong PIN in the database, so reopening the app does not reset it, and the right PIN resets it', async () => {
    const indexedDB = new IDBFactory();
    const db = new XizmatDb({ indexedDB, IDBKeyRange });
    await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    expect(await unlockVault(db, OWNER_SELF, WRONG, FAST)).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: MAX_PIN_ATTEMPTS - 1 });
    expect(await unlockVault(db, OWNER_SELF, '111111', FAST)).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: MAX_PIN_ATTEMPTS - 2 });
    db.close();
    const reopened = new XizmatDb({ indexedDB, IDBKeyRange });
    expect((await reopened.locks.get(OWNER_SELF))?.failedAttempts).toBe(2);
    expect(await unlockVault(reopened, OWNER_SELF, WRONG, FAST)).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: MAX_PIN_ATTEMPTS - 3 });
    expect((await unlockVault(reopened, OWNER_SELF, PIN, FAST)).ok).toBe(true);
    expect((await reopened.locks.get(OWNER_SELF))?.failedAttempts).toBe(0);
  });

  it('wipes an operator after five wrong PINs in a row: lock, drafts, profiles, residents, refresh token; never the outbox or another owner', async () => {
    const db = testDb();
    const op = operatorOwner('op1');
    const opVault = await createLock(db, op, PIN, { iterations: FAST });
    const selfVault = await createLock(db, OWNER_SELF, '123456', { iterations: FAST });
    await db.operators.add({ id: 'op1', username: 'dilnoza', displayName: 'Dilnoza', refresh: await encryptJson(opVault, 'refresh-token', 'refresh op1'), signedInAt: '2026-11-30T09:00:00.000Z' });
    for (const r of ['r1', 'r2']) {
      await db.residents.add({ id: r, operator: 'op1', sealed: await encryptJson(opVault, { name: r }, `resident ${r}`), createdAt: '2026-11-30T10:00:00.000Z' });
      await saveProfileValue(db, residentOwner(r), 'pinfl', PINFL, opVault);
      await startDraft(db, SERVICE, 1, residentOwner(r), {}, opVault);
    }
    await db.residents.add({ id: 'r9', operator: 'op2', sealed: { iv: 'x', ct: 'y' }, createdAt: '2026-11-30T10:00:00.000Z' });
    await startDraft(db, SERVICE, 1, op, {}, opVault);
    const selfDraft = await openDraft(db, SERVICE, 1, undefined, OWNER_SELF, selfVault);
    await saveAnswer(db, selfDraft, 'pinfl', PINFL, selfVault);
    await saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL, selfVault);
    const outbox = [outboxItem('o1', residentOwner('r1')), outboxItem('o2', op), outboxItem('o3', OWNER_SELF)];
    await db.outbox.bulkAdd(outbox);

    for (let left = MAX_PIN_ATTEMPTS - 1; left >= 1; left--) {
      expect(await unlockVault(db, op, WRONG, FAST)).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: left });
    }
    expect(await unlockVault(db, op, WRONG, FAST)).toEqual({ ok: false, reason: 'wiped' });

    expect(await db.locks.get(op)).toBeUndefined();
    expect(await db.drafts.where('owner').anyOf([op, residentOwner('r1'), residentOwner('r2')]).count()).toBe(0);
    expect(await db.profiles.bulkGet([residentOwner('r1'), residentOwner('r2')])).toEqual([undefined, undefined]);
    expect((await db.residents.toArray()).map((r) => r.id)).toEqual(['r9']);
    expect(await db.operators.get('op1')).toMatchObject({ username: 'dilnoza', refresh: null });
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await unlockVault(db, op, PIN, FAST)).toEqual({ ok: false, reason: 'no_lock' });

    const self = await unlockVault(db, OWNER_SELF, '123456', FAST);
    if (!self.ok) throw new Error(self.reason);
    expect(await openDraft(db, SERVICE, 1, selfDraft.id, OWNER_SELF, self.vault)).toMatchObject({ answers: { pinfl: PINFL } });
    expect(await profileValues(await db.profiles.get(OWNER_SELF), self.vault)).toEqual({ pinfl: PINFL });
  });

  it('answers no_lock for an owner without a PIN', async () => {
    expect(await unlockVault(testDb(), OWNER_SELF, PIN, FAST)).toEqual({ ok: false, reason: 'no_lock' });
  });

  it('wipes a lock the device key no longer opens (site data partly cleared)', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    await startDraft(db, SERVICE, 1, OWNER_SELF, {}, vault);
    expect(await db.drafts.count()).toBe(1);
    await db.keys.clear();
    expect(await unlockVault(db, OWNER_SELF, PIN, FAST)).toEqual({ ok: false, reason: 'wiped' });
    expect(await db.drafts.count()).toBe(0);
  });

  it('rewraps a lock made with fewer iterations at the current count, still opening with the same PIN', async () => {
    const db = testDb();
    await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    expect((await unlockVault(db, OWNER_SELF, PIN, 2 * FAST)).ok).toBe(true);
    expect((await db.locks.get(OWNER_SELF))?.iterations).toBe(2 * FAST);
    expect((await unlockVault(db, OWNER_SELF, PIN, 2 * FAST)).ok).toBe(true);
  });
});

describe('createLock', () => {
  it('uses 600,000 PBKDF2 iterations unless told otherwise', async () => {
    const db = testDb();
    await createLock(db, OWNER_SELF, PIN);
    expect((await db.locks.get(OWNER_SELF))?.iterations).toBe(600_000);
    expect((await unlockVault(db, OWNER_SELF, PIN)).ok).toBe(true);
  });

  it('stores the PBKDF2 count and a 16-byte salt with the lock', async () => {
    const db = testDb();
    await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const lock = await db.locks.get(OWNER_SELF);
    expect(lock).toMatchObject({ owner: OWNER_SELF, iterations: FAST, failedAttempts: 0 });
    expect(lock!.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses to replace a lock unless asked, and a replaced lock takes its data with it', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    await saveProfileValue(db, OWNER_SELF, 'pinfl', PINFL, vault);
    await expect(createLock(db, OWNER_SELF, '999999', { iterations: FAST })).rejects.toMatchObject({ reason: 'lock_exists' });
    await expect(createLock(db, OWNER_SELF, '12345', { iterations: FAST })).rejects.toMatchObject({ reason: 'not_a_pin' });
    await createLock(db, OWNER_SELF, '999999', { iterations: FAST, replace: true });
    expect(await db.profiles.get(OWNER_SELF)).toBeUndefined();
    expect((await unlockVault(db, OWNER_SELF, '999999', FAST)).ok).toBe(true);
  });

  it('encrypts the drafts and profile the owner kept in clear before choosing a PIN', async () => {
    const db = testDb();
    const draft = await openDraft(db, SERVICE, 1);
    await saveAnswer(db, draft, 'pinfl', PINFL);
    await saveProfileValue(db, OWNER_SELF, 'lastName', NAME);
    const other = await openDraft(db, SERVICE, 1, undefined, 'someone-else');
    await saveAnswer(db, other, 'note', 'stays');
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    expect(await db.drafts.get(draft.id)).toMatchObject({ answers: {}, sealed: expect.any(Object) });
    expect(JSON.stringify(await db.profiles.toArray())).not.toContain('Karimova');
    expect(await db.drafts.get(other.id)).toMatchObject({ answers: { note: 'stays' } });
    expect(await openDraft(db, SERVICE, 1, draft.id, OWNER_SELF, vault)).toMatchObject({ answers: { pinfl: PINFL } });
  });
});

describe('sealOwnerData', () => {
  it('seals a draft that came in clear while locked and folds clear answers written beside a sealed one', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const sealedDraft = await openDraft(db, SERVICE, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, sealedDraft, 'pinfl', PINFL, vault);
    await db.drafts.update(sealedDraft.id, { answers: { photo: 'sha256:abc' }, updatedAt: '2026-11-30T12:00:00.000Z' });
    await db.drafts.add({ id: 'reopened', owner: OWNER_SELF, serviceId: 'other', formVersion: 1, answers: { fullName: NAME }, createdAt: '2026-11-30T12:00:00.000Z', updatedAt: '2026-11-30T12:00:00.000Z' });
    await sealOwnerData(db, vault);
    for (const row of await db.drafts.toArray()) expect(row).toMatchObject({ answers: {}, sealed: expect.any(Object) });
    expect(await allRows(db)).not.toContain('Karimova');
    expect(await openDraft(db, SERVICE, 1, sealedDraft.id, OWNER_SELF, vault)).toMatchObject({ answers: { pinfl: PINFL, photo: 'sha256:abc' } });
    expect(await openDraft(db, 'other', 1, 'reopened', OWNER_SELF, vault)).toMatchObject({ answers: { fullName: NAME } });
  });
});

describe('changePin', () => {
  it('keeps the data readable with the new PIN only', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    const draft = await openDraft(db, SERVICE, 1, undefined, OWNER_SELF, vault);
    await saveAnswer(db, draft, 'pinfl', PINFL, vault);
    const changed = await changePin(db, OWNER_SELF, PIN, '314159', FAST);
    expect(changed.ok).toBe(true);
    expect(await unlockVault(db, OWNER_SELF, PIN, FAST)).toMatchObject({ ok: false, reason: 'wrong_pin' });
    const unlocked = await unlockVault(db, OWNER_SELF, '314159', FAST);
    if (!unlocked.ok) throw new Error(unlocked.reason);
    expect(await openDraft(db, SERVICE, 1, draft.id, OWNER_SELF, unlocked.vault)).toMatchObject({ answers: { pinfl: PINFL } });
  });

  it('counts a wrong old PIN like any other', async () => {
    const db = testDb();
    await createLock(db, OWNER_SELF, PIN, { iterations: FAST });
    expect(await changePin(db, OWNER_SELF, WRONG, '314159', FAST)).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: MAX_PIN_ATTEMPTS - 1 });
    expect((await unlockVault(db, OWNER_SELF, PIN, FAST)).ok).toBe(true);
  });
});
