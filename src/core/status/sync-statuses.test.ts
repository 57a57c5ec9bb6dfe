import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  invoiceReference, publicMembers, sealReopen, type Answers, type Invoice, type P256PublicJwk, type SealedReopen, type StatusChange,
  type StatusesResponse,
} from '../../contract/index';
import { OWNER_SELF, type OutboxRow } from '../db/records';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { testDb, testFactory } from '../test-support/test-db';
import { XizmatDb } from '../db/xizmat-db';
import { replyKey } from '../device/reply-key';
import { draftAnswers } from '../drafts/draft-answers';
import { createLock } from '../vault/create-lock';
import { sealOwnerData } from '../vault/seal-owner-data';
import { STATUS_CURSOR, syncStatuses, type StatusSyncOptions } from './sync-statuses';

const ID = '01938a4e-0000-7000-8000-000000000001';

function change(overrides: Partial<StatusChange> = {}): StatusChange {
  return {
    id: ID, serviceId: 'birth-certificate-copy', number: 'XZ-2026-000001', status: 'in_progress', message: null,
    changedAt: '2026-11-30T08:00:00.000Z', revision: 1, ...overrides,
  };
}

function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    reference: invoiceReference(2026, 428), amountTiyin: 34_000_000, state: 'open', issuedAt: '2026-11-30T08:00:00.000Z',
    dueAt: '2026-12-10T08:00:00.000Z', payLink: 'https://checkout.paycom.uz/bT1hYmM=', ...overrides,
  };
}

/** Serves pages in order; a page that is an Error fails that request. */
function server(pages: (StatusesResponse | Error)[], seen: string[] = []): typeof fetch {
  return async (url) => {
    seen.push(String(url));
    const page = pages.shift();
    if (!page || page instanceof Error) throw page ?? new Error('no more pages');
    return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/** What the server sends back for a returned application: its answers sealed to the reply key it carried. */
async function sealedTo(key: P256PublicJwk, answers: Answers, id = ID): Promise<SealedReopen> {
  return { formVersion: 1, sealed: await sealReopen({ answers }, key, id) };
}

/** Sealed to this phone's own reply key, as for an application finalised here. */
async function sealedHere(db: XizmatDb, answers: Answers, id = ID): Promise<SealedReopen> {
  return sealedTo((await replyKey(db)).publicKey, answers, id);
}

async function delivered(db: XizmatDb, id = ID): Promise<void> {
  const row: OutboxRow = {
    id, owner: 'self', serviceId: 'birth-certificate-copy', formVersion: 1, state: 'delivered', payload: null,
    finalisedAt: '2026-11-29T08:00:00.000Z', attempts: 1, lastAttemptAt: null, nextAttemptAt: 0,
    receipt: { id, number: 'XZ-2026-000001', receivedAt: '2026-11-29T08:00:01.000Z' }, problem: null,
  };
  await db.outbox.put(row);
}

describe.each(SYNC_SIDES)('syncStatuses, from $side', ({ sync }) => {
  const pull = async (db: XizmatDb, options?: StatusSyncOptions) => syncStatuses(await sync(db), options);

  it('keeps each page with its cursor, so a sync cut between pages repeats nothing and skips nothing', async () => {
    const db = testDb();
    await delivered(db);
    const second = '01938a4e-0000-7000-8000-000000000002';
    const seen: string[] = [];
    const fetch = server([
      { changes: [change()], cursor: '5', more: true },
      new Error('link dropped'),
      { changes: [change({ id: second, status: 'rejected' })], cursor: '9', more: false },
    ], seen);
    await expect(pull(db, { fetch })).rejects.toThrow('link dropped');
    expect((await db.meta.get(STATUS_CURSOR))?.value).toBe('5');
    expect(await db.statuses.get(ID)).toMatchObject({ status: 'in_progress', unseen: true });
    const fresh = await pull(db, { fetch });
    expect(fresh.map((r) => r.id)).toEqual([second]);
    expect(seen.map((u) => u.split('since=')[1])).toEqual(['0', '5', '5']);
    expect((await db.meta.get(STATUS_CURSOR))?.value).toBe('9');
  });

  it('does not reopen a returned application whose correction is already in the outbox', async () => {
    const db = testDb();
    await delivered(db);
    const returned = change({ status: 'returned', reopenSealed: await sealedHere(db, { lastName: 'Karimova' }) });
    await db.outbox.update(ID, { state: 'queued', payload: { codec: 'json-v1', body: JSON.stringify({ id: ID, revision: 2 }) } });
    await pull(db, { fetch: server([{ changes: [returned], cursor: '3', more: false }]) });
    expect(await db.drafts.count()).toBe(0);
    expect(await db.statuses.get(ID)).toMatchObject({ status: 'returned' });
  });

  it('reopens a returned application once, with the agency\'s words, as the next revision', async () => {
    const db = testDb();
    await delivered(db);
    const returned = change({ status: 'returned', message: { ru: 'Исправьте фамилию' }, reopenSealed: await sealedHere(db, { lastName: 'Karimova' }) });
    await pull(db, { fetch: server([{ changes: [returned], cursor: '3', more: false }]) });
    const draft = await db.drafts.get(ID);
    expect(draft).toMatchObject({ revision: 2, answers: { lastName: 'Karimova' }, returned: { message: { ru: 'Исправьте фамилию' } } });
    // The person edits; a repeat of the same change must not overwrite their edits.
    await db.drafts.update(ID, { answers: { lastName: 'Karimova-Saidova' } });
    await db.meta.delete(STATUS_CURSOR);
    await pull(db, { fetch: server([{ changes: [returned], cursor: '3', more: false }]) });
    expect((await db.drafts.get(ID))?.answers).toEqual({ lastName: 'Karimova-Saidova' });
  });

  it('reopens a resident\'s returned application only while the resident is still on this phone', async () => {
    const db = testDb();
    const returned = change({ status: 'returned', reopenSealed: await sealedHere(db, { lastName: 'Qudratova' }) });
    await delivered(db);
    await db.outbox.update(ID, { owner: 'resident:r-1' });
    // The operator signed out (or five wrong PINs wiped it): the resident is gone, so nothing is written.
    await pull(db, { fetch: server([{ changes: [returned], cursor: '3', more: false }]) });
    expect(await db.drafts.count()).toBe(0);
    await db.residents.put({ id: 'r-1', operator: 'op-1', sealed: { iv: 'aaaa', ct: 'bbbb' }, createdAt: '2026-11-29T08:00:00.000Z' });
    await db.meta.delete(STATUS_CURSOR);
    await pull(db, { fetch: server([{ changes: [returned], cursor: '3', more: false }]) });
    expect(await db.drafts.get(ID)).toMatchObject({ owner: 'resident:r-1', answers: { lastName: 'Qudratova' } });
  });

  it('keeps a returned application\'s answers sealed in the draft for an owner with a PIN, until the PIN seals them under it', async () => {
    const db = testDb();
    const vault = await createLock(db, OWNER_SELF, '271828', { iterations: 1_000 });
    await delivered(db);
    const pinfl = '31507900010013';
    await pull(db, { fetch: server([{ changes: [change({ status: 'returned', reopenSealed: await sealedHere(db, { pinfl }) })], cursor: '3', more: false }]) });
    const draft = (await db.drafts.get(ID))!;
    expect(draft).toMatchObject({ answers: {}, revision: 2, reopened: { v: 1 } });
    expect(JSON.stringify(await db.drafts.toArray())).not.toContain(pinfl);
    await expect(draftAnswers(db, draft, null)).rejects.toMatchObject({ reason: 'locked' });
    expect(await draftAnswers(db, draft, vault)).toEqual({ pinfl });
    // Unlocked, the answers are sealed under the PIN and what only the phone's key opened is gone.
    await sealOwnerData(db, vault);
    const sealed = (await db.drafts.get(ID))!;
    expect(sealed.reopened).toBeUndefined();
    expect(sealed.sealed).toBeDefined();
    expect(await draftAnswers(db, sealed, vault)).toEqual({ pinfl });
  });

  it('reopens with what the phone still has when no answers came back, or none that open here', async () => {
    const db = testDb();
    await delivered(db);
    const other = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const elsewhere = publicMembers(await crypto.subtle.exportKey('jwk', other.publicKey) as P256PublicJwk);
    const message = { en: 'Check the surname' };
    await pull(db, { fetch: server([{ changes: [change({ status: 'returned', message, reopenSealed: await sealedTo(elsewhere, { lastName: 'Karimova' }) })], cursor: '3', more: false }]) });
    expect(await db.drafts.get(ID)).toMatchObject({ answers: {}, revision: 2, returned: { message } });
    // An application from before reply keys, whose readable summary the phone kept.
    const older = '01938a4e-0000-7000-8000-000000000003';
    await delivered(db, older);
    await db.outbox.update(older, { answers: { lastName: 'Karimova' } });
    await pull(db, { fetch: server([{ changes: [change({ id: older, status: 'returned', message })], cursor: '4', more: false }]) });
    expect(await db.drafts.get(older)).toMatchObject({ answers: { lastName: 'Karimova' }, formVersion: 1, revision: 2, returned: { message } });
  });

  it('keeps the invoice that comes with a status, readable after the page reloads with no network', async () => {
    const db = testDb();
    await delivered(db);
    const open = invoice();
    const fresh = await pull(db, { fetch: server([{ changes: [change({ status: 'awaiting_payment', invoice: open })], cursor: '2', more: false }]) });
    expect(fresh.map((r) => r.invoice)).toEqual([open]);
    db.close();
    // A new page on the same database, with nothing to fetch: what the payment panel reads is there.
    const reloaded = new XizmatDb({ indexedDB: testFactory(db), IDBKeyRange });
    expect(await reloaded.statuses.get(ID)).toMatchObject({ status: 'awaiting_payment', unseen: true, invoice: open });
    reloaded.close();
  });

  it('replaces the invoice with each change: paid, the receipt comes with "received", and that is news', async () => {
    const db = testDb();
    await delivered(db);
    await pull(db, { fetch: server([{ changes: [change({ status: 'awaiting_payment', invoice: invoice() })], cursor: '2', more: false }]) });
    await db.statuses.update(ID, { unseen: false });
    const paid = invoice({ state: 'paid', paidAt: '2026-12-01T09:30:00.000Z', paidVia: { provider: 'payme', transaction: '5e730e8e0b852a417aa49ceb' } });
    const fresh = await pull(db, { fetch: server([{ changes: [change({ status: 'received', invoice: paid })], cursor: '3', more: false }]) });
    expect(fresh).toHaveLength(1);
    expect(await db.statuses.get(ID)).toMatchObject({ status: 'received', unseen: true, invoice: paid });
    // Refunded: waiting again, with the invoice open again.
    await pull(db, { fetch: server([{ changes: [change({ status: 'awaiting_payment', invoice: invoice() })], cursor: '4', more: false }]) });
    expect((await db.statuses.get(ID))?.invoice).toMatchObject({ state: 'open' });
    expect((await db.statuses.get(ID))?.invoice?.paidVia).toBeUndefined();
  });

  it('keeps no invoice that the payment panel could not show', async () => {
    const db = testDb();
    await delivered(db);
    const broken = [
      invoice({ reference: '2600 0000 0428' }), invoice({ amountTiyin: 1.5 }), invoice({ state: 'unknown' as never }),
      invoice({ dueAt: 'soon' }), { ...invoice(), payLink: undefined } as unknown as Invoice,
      invoice({ state: 'paid', paidVia: { provider: 'payme' } as never }),
    ];
    for (const [i, bad] of broken.entries()) {
      await pull(db, { fetch: server([{ changes: [change({ status: 'awaiting_payment', invoice: bad })], cursor: String(i + 2), more: false }]) });
      expect((await db.statuses.get(ID))?.invoice).toBeUndefined();
    }
  });

  it('refuses an answer that is not a statuses page and leaves the cursor alone', async () => {
    const db = testDb();
    const portal: typeof fetch = async () => new Response('<html>login</html>', { status: 200 });
    await expect(pull(db, { fetch: portal })).rejects.toThrow();
    const wrong: typeof fetch = async () => new Response(JSON.stringify({ hello: 1 }), { status: 200 });
    await expect(pull(db, { fetch: wrong })).rejects.toThrow('not a statuses answer');
    const refused: typeof fetch = async () => new Response('{}', { status: 401 });
    await expect(pull(db, { fetch: refused })).rejects.toThrow('HTTP 401');
    expect(await db.meta.get(STATUS_CURSOR)).toBeUndefined();
  });
});
