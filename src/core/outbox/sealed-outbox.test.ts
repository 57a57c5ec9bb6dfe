import { describe, expect, it } from 'vitest';
import { openSealed, openSealedBytes, sealReopen, type FormDefinition, type SealKey, type SubmissionItem } from '../../contract/index';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS, l } from '../../contract/test-support/sample-form';
import { draftAnswers } from '../drafts/draft-answers';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import type { XizmatDb } from '../db/xizmat-db';
import { SEAL_KEY_META } from '../sync/fetch-seal-key';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { testDb } from '../test-support/test-db';
import { storePhoto } from '../photos/store-photo';
import type { Ciphertext } from '../db/records';
import { OWNER_SELF } from '../db/records';
import { newFeedbackId, queueFeedback } from '../feedback/queue-feedback';
import { createLock } from '../vault/create-lock';
import { unlockVault } from '../vault/unlock-vault';
import { finaliseDraft } from './finalise-draft';
import { flushOutbox, type FlushOptions } from './flush-outbox';

/** A server key pair; the phone gets only the public half, as from GET /api/v1/seal-key. */
async function withSealKey(db: XizmatDb): Promise<CryptoKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key: SealKey = { keyId: 'test-1', publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
  await db.meta.put({ key: SEAL_KEY_META, value: key });
  return pair.privateKey;
}

async function finalised(db: XizmatDb, onBehalf?: SubmissionItem['onBehalf']) {
  const draft = await startDraft(db, 'birth-certificate-copy', 1);
  for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
  const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO, new Date(), onBehalf ? { onBehalf } : {});
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

/** Everything the phone's database holds, as text. */
async function everything(db: XizmatDb): Promise<string> {
  const tables = await Promise.all(db.tables.map((t) => t.toArray()));
  return JSON.stringify(tables);
}

/** A server that opens sealed items with its private key and answers with `answer` per item (a promise, when it seals). */
function openingServer(privateKey: CryptoKey, answer: (item: SubmissionItem) => unknown, opened: SubmissionItem[] = []): typeof fetch {
  return async (_url, init) => {
    const { items } = JSON.parse(String(init?.body)) as { items: { id: string; sealed?: never }[] };
    const results = [];
    for (const wire of items) {
      const item = (await openSealed(wire.sealed!, privateKey, wire.id)) as SubmissionItem;
      opened.push(item);
      results.push(await answer(item));
    }
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

const receipt = (item: SubmissionItem) => ({ id: item.id, status: 201, receipt: { id: item.id, number: 'XZ-2026-000001', receivedAt: '2026-11-30T10:00:00.000Z' } });

describe.each(SYNC_SIDES)('sealed applications, from $side', ({ sync }) => {
  const flush = async (db: XizmatDb, options?: FlushOptions) => flushOutbox(await sync(db), options);

  it('are sealed at finalise: nothing on the phone shows the answers, and the server opens exactly them', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const item = await finalised(db);
    expect(item.payload?.codec).toBe('sealed-v1');
    expect(item.answers).toBeUndefined();
    const stored = await everything(db);
    expect(stored).not.toContain(VALID_ANSWERS.pinfl);
    expect(stored).not.toContain(VALID_ANSWERS.lastName);
    const opened: SubmissionItem[] = [];
    const report = await flush(db, { fetch: openingServer(privateKey, receipt, opened) });
    expect(report.delivered).toBe(1);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ id: item.id, serviceId: 'birth-certificate-copy', answers: VALID_ANSWERS });
    const after = await db.outbox.get(item.id);
    expect(after).toMatchObject({ state: 'delivered', payload: null, receipt: { number: 'XZ-2026-000001' } });
  });

  it('carry who applied for whom inside the seal', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const onBehalf = {
      operatorId: 'op-1', resident: { name: 'Karimova Dilnoza' },
      consent: { confirmedAt: '2026-11-30T09:00:00.000Z', method: 'typed' as const, typedName: 'Karimova Dilnoza' },
    };
    await finalised(db, onBehalf);
    expect(await everything(db)).not.toContain('Karimova');
    const opened: SubmissionItem[] = [];
    await flush(db, { fetch: openingServer(privateKey, receipt, opened) });
    expect(opened[0]!.onBehalf).toEqual(onBehalf);
  });

  const FIELDS = [{ field: 'pinfl', code: 'pinfl_unknown', severity: 'error' }];
  /** A server that refuses each item and sends its answers back sealed to the reply key inside it, as the real one does. */
  const refusingServer = (privateKey: CryptoKey) => openingServer(privateKey, async (opened) => ({
    id: opened.id, status: 422,
    error: { code: 'validation_failed', message: 'x', fields: FIELDS, reopenSealed: { formVersion: opened.formVersion, sealed: await sealReopen({ answers: opened.answers }, opened.replyKey!, opened.id) } },
  }));

  it('sent back with field problems reopen as a draft from what the server opened and sealed to this phone', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const item = await finalised(db);
    await flush(db, { fetch: refusingServer(privateKey) });
    expect((await db.outbox.get(item.id))?.state).toBe('needs_action');
    const draft = await db.drafts.get(item.id);
    expect(draft?.answers).toEqual(VALID_ANSWERS);
    expect(draft?.serverProblems).toEqual(FIELDS);
  });

  it('sent back for an owner with a PIN keep the answers sealed in the draft until the PIN opens them', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const item = await finalised(db);
    await createLock(db, OWNER_SELF, '271828', { iterations: 1_000 });
    await flush(db, { fetch: refusingServer(privateKey) });
    const draft = (await db.drafts.get(item.id))!;
    expect(draft).toMatchObject({ answers: {}, serverProblems: FIELDS, reopened: { v: 1 } });
    expect(await everything(db)).not.toContain(VALID_ANSWERS.pinfl);
    await expect(draftAnswers(db, draft, null)).rejects.toMatchObject({ reason: 'locked' });
    const unlocked = await unlockVault(db, OWNER_SELF, '271828', 1_000);
    if (!unlocked.ok) throw new Error(unlocked.reason);
    expect(await draftAnswers(db, draft, unlocked.vault)).toEqual(VALID_ANSWERS);
  });

  it('sent back with answers sealed to another phone reopen no draft: the item stays, needing action', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const item = await finalised(db);
    const elsewhere = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const otherKey = await crypto.subtle.exportKey('jwk', elsewhere.publicKey);
    await flush(db, {
      fetch: openingServer(privateKey, async (opened) => ({
        id: opened.id, status: 422,
        error: { code: 'validation_failed', message: 'x', fields: FIELDS, reopenSealed: { formVersion: 1, sealed: await sealReopen({ answers: opened.answers }, { kty: 'EC', crv: 'P-256', x: otherKey.x!, y: otherKey.y! }, opened.id) } },
      })),
    });
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'needs_action', problem: { code: 'validation_failed' } });
    expect(await db.drafts.count()).toBe(0);
  });

  it('include feedback: its comment is sealed too and the server opens the rating', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const row = await queueFeedback(db, { id: newFeedbackId(), owner: 'self', serviceId: 'birth-certificate-copy', applicationId: null, rating: 2, comment: 'Navbat Qudratova uchun uzoq edi' });
    expect(row.payload?.codec).toBe('sealed-v1');
    expect(await everything(db)).not.toContain('Qudratova');
    const opened: SubmissionItem[] = [];
    const report = await flush(db, {
      fetch: openingServer(privateKey, (item) => ({ id: item.id, status: 201, receipt: { id: item.id, number: 'FB-2026-000001', receivedAt: '2026-11-30T10:00:00.000Z' } }), opened),
    });
    expect(report.delivered).toBe(1);
    expect(opened[0]).toMatchObject({ kind: 'feedback', rating: 2, comment: 'Navbat Qudratova uchun uzoq edi' });
  });

  it('refused as too large stay needing action, kept whole, with no draft nobody could fill', async () => {
    const db = testDb();
    await withSealKey(db);
    const item = await finalised(db);
    const tooLarge: typeof fetch = async () => new Response(JSON.stringify({ error: { code: 'body_too_large', message: 'x' } }), { status: 413 });
    await flush(db, { fetch: tooLarge });
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'needs_action', problem: { code: 'too_large' }, payload: { codec: 'sealed-v1' } });
    expect(await db.drafts.count()).toBe(0);
  });

  it('refused for who sent them (a revoked phone) are blocked with the server\'s reason', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const item = await finalised(db);
    await flush(db, { fetch: openingServer(privateKey, (opened) => ({ id: opened.id, status: 403, error: { code: 'device_revoked', message: 'x' } })) });
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'blocked', problem: { code: 'device_revoked' } });
    const revoked: typeof fetch = async () => new Response(JSON.stringify({ error: { code: 'device_revoked', message: 'x' } }), { status: 403 });
    const other = await finalised(db);
    await flush(db, { fetch: revoked });
    expect(await db.outbox.get(other.id)).toMatchObject({ state: 'blocked', problem: { code: 'device_revoked' } });
  });
});

describe('sealed photos', () => {
  const PHOTO_FORM: FormDefinition = {
    ...SAMPLE_FORM,
    sections: [{ ...SAMPLE_FORM.sections[0]!, fields: [...SAMPLE_FORM.sections[0]!.fields, { id: 'passport', kind: 'photo', label: l('Passport') }] }],
  };
  const PHOTO_BYTES = Uint8Array.from({ length: 3_000 }, (_, i) => (i === 0 ? 0xff : i === 1 ? 0xd8 : (i * 7) % 256));
  const photo = () => new Blob([PHOTO_BYTES], { type: 'image/jpeg' });

  async function draftWithPhoto(db: XizmatDb) {
    const draft = await startDraft(db, 'birth-certificate-copy', 1);
    for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
    await storePhoto(db, draft.id, 'passport', photo());
    return draft.id;
  }

  /** True when some row of the blobs table holds the photo's readable bytes. */
  async function clearCopyKept(db: XizmatDb): Promise<boolean> {
    for (const row of await db.blobs.toArray()) {
      const bytes = new Uint8Array(await row.blob.arrayBuffer());
      if (bytes.length === PHOTO_BYTES.length && bytes.every((b, i) => b === PHOTO_BYTES[i])) return true;
    }
    return false;
  }

  it('leave no readable copy on the phone after finalise when no draft uses them, and the server opens the photo', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const result = await finaliseDraft(db, await draftWithPhoto(db), PHOTO_FORM, SAMPLE_SOATO);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(await clearCopyKept(db)).toBe(false);
    const [attachment] = result.item.attachments!;
    const row = (await db.blobs.get(attachment!.sha256))!;
    expect(row).toMatchObject({ size: PHOTO_BYTES.length, type: 'image/jpeg', sealed: { keyId: 'test-1' } });
    expect(attachment).toMatchObject({ size: PHOTO_BYTES.length, uploaded: 0, done: false });
    expect(await openSealedBytes(new Uint8Array(await row.blob.arrayBuffer()), privateKey, attachment!.sha256)).toEqual(PHOTO_BYTES);
  });

  it('keep the readable copy while another draft shows the photo, or a PIN owner\'s draft from before photo lists might', async () => {
    const db = testDb();
    await withSealKey(db);
    const first = await draftWithPhoto(db);
    const second = await draftWithPhoto(db);
    expect((await finaliseDraft(db, first, PHOTO_FORM, SAMPLE_SOATO)).ok).toBe(true);
    expect(await clearCopyKept(db)).toBe(true);
    await db.drafts.delete(second);
    const locked = await startDraft(db, 'birth-certificate-copy', 1);
    await db.drafts.update(locked.id, { sealed: { iv: 'x', ct: 'y' } as unknown as Ciphertext });
    const third = await draftWithPhoto(db);
    expect((await finaliseDraft(db, third, PHOTO_FORM, SAMPLE_SOATO)).ok).toBe(true);
    expect(await clearCopyKept(db)).toBe(true);
    // A PIN-sealed draft that lists its photos (every draft since) and not this one does not hold it back.
    await db.drafts.update(locked.id, { photos: [] });
    const fourth = await draftWithPhoto(db);
    expect((await db.drafts.get(fourth))?.photos).toHaveLength(1);
    expect((await finaliseDraft(db, fourth, PHOTO_FORM, SAMPLE_SOATO)).ok).toBe(true);
    expect(await clearCopyKept(db)).toBe(false);
  });

  it('stay readable on a phone without the server key (it sends readable applications too)', async () => {
    const db = testDb();
    const result = await finaliseDraft(db, await draftWithPhoto(db), PHOTO_FORM, SAMPLE_SOATO);
    expect(result.ok).toBe(true);
    expect(await clearCopyKept(db)).toBe(true);
  });
});
