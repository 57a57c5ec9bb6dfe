import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../contract/test-support/sample-form';
import { MAX_ATTACHMENT_BYTES } from '../contract/index';
import { residentOwner, OWNER_SELF } from '../core/db/records';
import { db } from './app-db';
import { statusQueries } from './status-store';
import { setSessionView } from './session-signal';
import {
  attachFile, deleteDraft, openDraft, queries, saveAnswer, sendNow, settleWrites, submitDraft,
} from './store';

const SERVICE = SAMPLE_FORM.serviceId;

beforeAll(() => {
  // The store runs in a page: offline here, so nothing is sent and no timer is left behind.
  vi.stubGlobal('navigator', { onLine: false });
  vi.stubGlobal('window', {
    setTimeout: () => 0, clearTimeout: () => undefined, setInterval: () => 0, addEventListener: () => undefined,
  });
});
afterAll(() => vi.unstubAllGlobals());

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  setSessionView({ owner: OWNER_SELF });
  await db.forms.put(SAMPLE_FORM);
  await db.refs.put({ id: 'soato', data: SAMPLE_SOATO });
});

async function answerAll(draftId: string, answers: Record<string, unknown>): Promise<void> {
  for (const [field, value] of Object.entries(answers)) expect(await saveAnswer(draftId, field, value as never)).toBeNull();
}

describe('the store: draft, finalise, outbox', () => {
  it('finalises a fully answered draft into the outbox as queued, and the draft is gone', async () => {
    const draft = await openDraft(SERVICE, 1);
    await answerAll(draft.id, VALID_ANSWERS);
    const result = await submitDraft(draft.id, SERVICE, 1);
    expect(result.ok).toBe(true);
    const outbox = await queries.outbox(db);
    expect(outbox.map((row) => [row.id, row.state])).toEqual([[draft.id, 'queued']]);
    expect(await queries.drafts(db)).toEqual([]);
    expect(await queries.waitingCount(db)).toBe(1);
  });

  it('keeps an incomplete draft as a draft and names the missing answers', async () => {
    const draft = await openDraft(SERVICE, 1);
    await answerAll(draft.id, { pinfl: VALID_ANSWERS.pinfl });
    const result = await submitDraft(draft.id, SERVICE, 1);
    expect(result.ok).toBe(false);
    const fields = 'problems' in result ? result.problems.map((p) => p.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['lastName', 'region', 'district']));
    expect(await db.outbox.count()).toBe(0);
    expect((await queries.drafts(db)).map((d) => d.id)).toEqual([draft.id]);
  });

  it('says storage failed, not a crash, when the form is not on the phone', async () => {
    const draft = await openDraft(SERVICE, 1);
    await db.forms.clear();
    expect(await submitDraft(draft.id, SERVICE, 1)).toEqual({ ok: false, storage: 'storage_failed' });
  });

  it('writes keystrokes in the order typed, so the last one wins', async () => {
    const draft = await openDraft(SERVICE, 1);
    for (const value of ['K', 'Ka', 'Kar', 'Karimova']) void saveAnswer(draft.id, 'lastName', value);
    await settleWrites();
    expect((await db.drafts.get(draft.id))?.answers.lastName).toBe('Karimova');
  });

  it('opens the same draft again with answers still on their way written into it', async () => {
    const draft = await openDraft(SERVICE, 1);
    void saveAnswer(draft.id, 'lastName', 'Karimova');
    const again = await openDraft(SERVICE, 1);
    expect(again.id).toBe(draft.id);
    expect(again.answers.lastName).toBe('Karimova');
  });

  it('asks for the resident’s consent before finalising an application made for them', async () => {
    setSessionView({ owner: residentOwner('r1') });
    const draft = await openDraft(SERVICE, 1);
    await answerAll(draft.id, VALID_ANSWERS);
    expect(await submitDraft(draft.id, SERVICE, 1)).toEqual({ ok: false, consentNeeded: true });
    expect(await db.outbox.count()).toBe(0);
  });

  it('shows each owner only their own drafts and outbox', async () => {
    const own = await openDraft(SERVICE, 1);
    await answerAll(own.id, VALID_ANSWERS);
    expect((await submitDraft(own.id, SERVICE, 1)).ok).toBe(true);
    setSessionView({ owner: residentOwner('r1') });
    const theirs = await openDraft(SERVICE, 1);
    expect(theirs.id).not.toBe(own.id);
    expect(await saveAnswer(theirs.id, 'lastName', 'Qudratova')).toBeNull();
    expect((await queries.drafts(db)).map((d) => d.id)).toEqual([theirs.id]);
    expect(await queries.outbox(db)).toEqual([]);
    expect(await queries.outboxItem(own.id)(db)).toBeNull();
    expect(await queries.waitingCount(db)).toBe(0);
  });

  it('keeps no draft for a form opened and left, starts one at the first answer, and gives the same draft when opened again before it', async () => {
    const opened = await openDraft(SERVICE, 1);
    expect(await queries.drafts(db)).toEqual([]);
    // Opened again (the address now names it) before anything was typed: the same draft, still not stored.
    expect((await openDraft(SERVICE, 1, opened.id)).id).toBe(opened.id);
    expect(await db.drafts.count()).toBe(0);
    expect(await saveAnswer(opened.id, 'lastName', 'Karimova')).toBeNull();
    expect((await queries.drafts(db)).map((d) => [d.id, d.answers])).toEqual([[opened.id, { lastName: 'Karimova' }]]);
  });

  it('submits a form the profile filled whole, with no keystroke, under the id it opened with', async () => {
    const opened = await openDraft(SERVICE, 1);
    // As if prefilled: the answers are the opened draft's own, none typed.
    Object.assign(opened.answers, VALID_ANSWERS);
    const result = await submitDraft(opened.id, SERVICE, 1);
    expect(result.ok && result.item.id).toBe(opened.id);
  });

  it('deletes a draft of the current owner when asked, never an application in the outbox', async () => {
    const kept = await openDraft(SERVICE, 1);
    await answerAll(kept.id, { lastName: 'Karimova' });
    expect(await deleteDraft(kept.id)).toBe(true);
    expect(await queries.drafts(db)).toEqual([]);
    const sent = await openDraft(SERVICE, 1);
    await answerAll(sent.id, VALID_ANSWERS);
    await submitDraft(sent.id, SERVICE, 1);
    expect(await deleteDraft(sent.id)).toBe(false);
    expect((await queries.outbox(db)).map((row) => row.id)).toEqual([sent.id]);
  });

  it('counts an application carried for someone else (a hand-over file) neither among the person\'s applications nor as theirs waiting', async () => {
    const draft = await openDraft(SERVICE, 1);
    await answerAll(draft.id, VALID_ANSWERS);
    await submitDraft(draft.id, SERVICE, 1);
    await db.outbox.update(draft.id, { carried: true });
    expect((await queries.outbox(db)).map((row) => row.id)).toEqual([draft.id]);
    expect(await queries.waitingCount(db)).toBe(0);
    expect(await statusQueries.applications(db)).toEqual([]);
  });

  it('releases blocked items on Send now, even offline, without sending them', async () => {
    const draft = await openDraft(SERVICE, 1);
    await answerAll(draft.id, VALID_ANSWERS);
    await submitDraft(draft.id, SERVICE, 1);
    await db.outbox.update(draft.id, { state: 'blocked' });
    await sendNow({ unblock: true });
    const row = await db.outbox.get(draft.id);
    expect(row?.state).toBe('queued');
    expect(row?.attempts).toBe(0);
  });
});

describe('the store: document files', () => {
  const pdf = () => new Blob([new TextEncoder().encode('%PDF-1.7\n...')]);

  it('keeps a file whose bytes are of an accepted type, under a reference', async () => {
    const draft = await openDraft(SERVICE, 1);
    const result = await attachFile(draft.id, 'proof', pdf(), ['application/pdf']);
    expect(result).toMatchObject({ ok: true, size: pdf().size });
    expect(result.ok && typeof result.ref).toBe('string');
  });

  it('refuses a file by its bytes, whatever it claims to be', async () => {
    const draft = await openDraft(SERVICE, 1);
    const fake = new Blob(['not a pdf at all'], { type: 'application/pdf' });
    expect(await attachFile(draft.id, 'proof', fake, ['application/pdf'])).toEqual({ ok: false, problem: 'file_type' });
    expect(await attachFile(draft.id, 'proof', pdf(), ['image/jpeg'])).toEqual({ ok: false, problem: 'file_type' });
  });

  it('refuses a file larger than the limit', async () => {
    const draft = await openDraft(SERVICE, 1);
    const big = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)]);
    expect(await attachFile(draft.id, 'proof', big, ['application/pdf'])).toEqual({ ok: false, problem: 'file_too_large' });
  });
});
