import { describe, expect, it } from 'vitest';
import { openSealed, openSealedBytes, sealBytes, toBase64, type SealKey, type SubmissionItem } from '../../contract/index';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import { OWNER_SELF, residentOwner } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import { finaliseDraft } from '../outbox/finalise-draft';
import { flushOutbox } from '../outbox/flush-outbox';
import { sha256Hex } from '../photos/sha256-hex';
import { SEAL_KEY_META } from '../sync/fetch-seal-key';
import { testDb } from '../test-support/test-db';
import { exportHandover } from './export-handover';
import { handoverFileName } from './exportable';
import { importHandover } from './import-handover';
import { summariseHandover } from './summarise-handover';
import { parseHandoverFile } from '../../contract/index';

const PHOTO = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 7, 7, 7, 7])], { type: 'image/jpeg' });

async function sealKeyOn(db: XizmatDb, pair: CryptoKeyPair): Promise<void> {
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key: SealKey = { keyId: 'test-1', publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
  await db.meta.put({ key: SEAL_KEY_META, value: key });
}

const serverPair = () => crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']) as Promise<CryptoKeyPair>;

async function finalised(db: XizmatDb, owner = OWNER_SELF) {
  const draft = await startDraft(db, 'birth-certificate-copy', 1, owner);
  for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
  const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

/** Gives an item a photo still to upload, as a photo field would. */
async function withPhoto(db: XizmatDb, id: string): Promise<string> {
  const sha256 = await sha256Hex(PHOTO);
  await db.blobs.put({ sha256, blob: PHOTO, type: 'image/jpeg', size: PHOTO.size, createdAt: new Date().toISOString() });
  const row = (await db.outbox.get(id))!;
  await db.outbox.put({ ...row, attachments: [{ field: 'documentPhoto', sha256, size: PHOTO.size, type: 'image/jpeg', uploaded: 0, done: false }] });
  return sha256;
}

/** A server idempotent by id, as the real one: the same id gets the same receipt and is stored once. */
function idempotentServer(privateKey: CryptoKey, stored: Map<string, SubmissionItem>): typeof fetch {
  return async (url, init) => {
    if (!String(url).endsWith('/api/v1/submissions')) return new Response(null, { status: 503 });
    const { items } = JSON.parse(String(init?.body)) as { items: { id: string; sealed: never }[] };
    const results = [];
    for (const wire of items) {
      const item = (await openSealed(wire.sealed, privateKey, wire.id)) as SubmissionItem;
      if (!stored.has(item.id)) stored.set(item.id, item);
      results.push({ id: item.id, status: 201, receipt: { id: item.id, number: `XZ-2026-${String([...stored.keys()].indexOf(item.id) + 1).padStart(6, '0')}`, receivedAt: '2026-11-30T10:00:00.000Z' } });
    }
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('hand-over files between phones', () => {
  it('carry the chosen sealed items without their owner, and this phone keeps them, marked, still to send', async () => {
    const db = testDb();
    await sealKeyOn(db, await serverPair());
    const a = await finalised(db);
    const b = await finalised(db);
    const at = new Date('2026-11-30T10:00:00.000Z');
    const result = await exportHandover(db, [a.id], OWNER_SELF, at);
    if (!result.ok) throw new Error(result.problem);
    expect(result.count).toBe(1);
    const file = JSON.parse(result.text);
    expect(file).toMatchObject({ format: 'xizmat-handover', version: 1, exportedAt: at.toISOString() });
    expect(file.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(result.text).not.toContain('owner');
    expect(result.text).not.toContain(VALID_ANSWERS.pinfl);
    expect(await db.outbox.get(a.id)).toMatchObject({ state: 'queued', handedOverAt: at.toISOString() });
    expect((await db.outbox.get(b.id))?.handedOverAt).toBeUndefined();
  });

  it('are named by the day in Tashkent and how many applications they carry', () => {
    expect(handoverFileName(new Date('2026-11-30T20:30:00.000Z'), 3)).toBe('xizmat-handover-2026-12-01-3.json');
  });

  it('never carry a readable item, a delivered one or another owner\'s', async () => {
    const db = testDb();
    const readable = await finalised(db);
    expect(await exportHandover(db, [readable.id], OWNER_SELF)).toEqual({ ok: false, problem: 'nothing' });
    await sealKeyOn(db, await serverPair());
    const resident = await finalised(db, residentOwner('r1'));
    expect(await exportHandover(db, [resident.id], OWNER_SELF)).toEqual({ ok: false, problem: 'nothing' });
    const sealed = await finalised(db);
    await db.outbox.update(sealed.id, { state: 'delivered' });
    expect(await exportHandover(db, [sealed.id], OWNER_SELF)).toEqual({ ok: false, problem: 'nothing' });
    expect((await db.outbox.get(readable.id))?.handedOverAt).toBeUndefined();
  });

  it('are imported on another phone as its own queued items with their photos, and a second import adds nothing', async () => {
    const phoneA = testDb();
    const phoneB = testDb();
    await sealKeyOn(phoneA, await serverPair());
    const a = await finalised(phoneA);
    const b = await finalised(phoneA);
    const sha256 = await withPhoto(phoneA, b.id);
    const exported = await exportHandover(phoneA, [a.id, b.id], OWNER_SELF);
    if (!exported.ok) throw new Error(exported.problem);
    const at = new Date('2026-11-30T11:00:00.000Z');
    expect(await importHandover(phoneB, exported.text, residentOwner('r9'), at)).toEqual({ added: 2, alreadyHere: 0 });
    const imported = await phoneB.outbox.get(b.id);
    expect(imported).toMatchObject({
      owner: residentOwner('r9'), carried: true, state: 'queued', attempts: 0, nextAttemptAt: at.getTime(), payload: b.payload,
      attachments: [{ sha256, done: false, uploaded: 0 }],
    });
    const blob = await phoneB.blobs.get(sha256);
    expect(await sha256Hex(blob!.blob)).toBe(sha256);
    const before = await phoneB.outbox.toArray();
    expect(await importHandover(phoneB, exported.text, OWNER_SELF)).toEqual({ added: 0, alreadyHere: 2 });
    expect(await phoneB.outbox.toArray()).toEqual(before);
  });

  it('refuse a changed file whole: nothing is added', async () => {
    const phoneA = testDb();
    const phoneB = testDb();
    await sealKeyOn(phoneA, await serverPair());
    await finalised(phoneA);
    await finalised(phoneA);
    const exported = await exportHandover(phoneA, (await phoneA.outbox.toArray()).map((r) => r.id), OWNER_SELF);
    if (!exported.ok) throw new Error(exported.problem);
    const file = JSON.parse(exported.text);
    const body: string = file.items[1].payload.body;
    const at = body.indexOf('"ct":"') + 8;
    file.items[1].payload.body = body.slice(0, at) + (body[at] === 'x' ? 'y' : 'x') + body.slice(at + 1);
    expect(await importHandover(phoneB, JSON.stringify(file), OWNER_SELF)).toEqual({ added: 0, alreadyHere: 0, problem: 'tampered' });
    expect(await phoneB.outbox.count()).toBe(0);
    expect(await phoneB.blobs.count()).toBe(0);
  });

  it('are delivered once whichever phone sends first and however often', async () => {
    const pair = await serverPair();
    const phoneA = testDb();
    const phoneB = testDb();
    await sealKeyOn(phoneA, pair);
    const a = await finalised(phoneA);
    const b = await finalised(phoneA);
    const exported = await exportHandover(phoneA, [a.id, b.id], OWNER_SELF);
    if (!exported.ok) throw new Error(exported.problem);
    await importHandover(phoneB, exported.text, OWNER_SELF);
    await importHandover(phoneB, exported.text, OWNER_SELF);
    const stored = new Map<string, SubmissionItem>();
    const server = idempotentServer(pair.privateKey, stored);
    expect((await flushOutbox(phoneB, { fetch: server })).delivered).toBe(2);
    expect((await flushOutbox(phoneA, { fetch: server })).delivered).toBe(2);
    expect([...stored.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(stored.get(a.id)).toMatchObject({ serviceId: 'birth-certificate-copy', answers: VALID_ANSWERS });
    expect((await phoneA.outbox.get(a.id))?.receipt).toEqual((await phoneB.outbox.get(a.id))?.receipt);
  });

  it('carry a photo kept sealed as it is, checked by its sealed bytes, and the server opens it to the photo', async () => {
    const pair = await serverPair();
    const phoneA = testDb();
    const phoneB = testDb();
    await sealKeyOn(phoneA, pair);
    const item = await finalised(phoneA);
    const sha256 = await withPhoto(phoneA, item.id);
    const key = (await phoneA.meta.get(SEAL_KEY_META))!.value as SealKey;
    const sealed = await sealBytes(new Uint8Array(await PHOTO.arrayBuffer()), key, sha256);
    await phoneA.blobs.put({ sha256, blob: new Blob([sealed]), type: 'image/jpeg', size: PHOTO.size, createdAt: new Date().toISOString(), sealed: { keyId: 'test-1', size: sealed.length } });
    const exported = await exportHandover(phoneA, [item.id], OWNER_SELF);
    if (!exported.ok) throw new Error(exported.problem);
    expect(exported.text).not.toContain(toBase64(new Uint8Array(await PHOTO.arrayBuffer())));

    const file = JSON.parse(exported.text);
    const changed = structuredClone(file);
    const data: string = changed.items[0].blobs[0].data;
    changed.items[0].blobs[0].data = data.slice(0, 200) + (data[200] === 'A' ? 'B' : 'A') + data.slice(201);
    expect(await importHandover(phoneB, JSON.stringify(changed), OWNER_SELF)).toMatchObject({ added: 0, problem: 'tampered' });

    expect(await importHandover(phoneB, exported.text, OWNER_SELF)).toEqual({ added: 1, alreadyHere: 0 });
    const kept = (await phoneB.blobs.get(sha256))!;
    expect(kept).toMatchObject({ size: PHOTO.size, sealed: { keyId: 'test-1', size: sealed.length } });
    const opened = await openSealedBytes(new Uint8Array(await kept.blob.arrayBuffer()), pair.privateKey, sha256);
    expect(opened).toEqual(new Uint8Array(await PHOTO.arrayBuffer()));
  });

  it('say before anything is taken how many applications they hold, whose, made when, and which are here already', async () => {
    const phoneA = testDb();
    await sealKeyOn(phoneA, await serverPair());
    const a = await finalised(phoneA);
    const b = await finalised(phoneA);
    await withPhoto(phoneA, b.id);
    await phoneA.outbox.update(b.id, { delegation: { operatorId: 'op-1', keyId: 'k'.repeat(43), signature: 's'.repeat(86) } });
    const at = new Date('2026-11-30T12:00:00.000Z');
    const exported = await exportHandover(phoneA, [a.id, b.id], OWNER_SELF, at, 'Dilfuza Mahmudova');
    if (!exported.ok) throw new Error(exported.problem);
    const parsed = await parseHandoverFile(exported.text);
    if (!parsed.ok) throw new Error(parsed.problem);
    const made = [a.finalisedAt, b.finalisedAt].sort();
    expect(summariseHandover(parsed.file, (id) => id === a.id)).toEqual({
      count: 2, onBehalf: 1, operatorName: 'Dilfuza Mahmudova', firstMadeAt: made[0], lastMadeAt: made[1], exportedAt: at.toISOString(),
      services: ['birth-certificate-copy'], files: 1, alreadyHere: 1,
    });
    // A person's own file names nobody.
    const own = await exportHandover(phoneA, [a.id], OWNER_SELF, at);
    if (!own.ok) throw new Error(own.problem);
    const ownParsed = await parseHandoverFile(own.text);
    expect(ownParsed.ok && summariseHandover(ownParsed.file, () => false)).toMatchObject({ count: 1, onBehalf: 0, operatorName: null });
  });
});
