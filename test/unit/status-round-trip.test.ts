import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FormDefinition, SoatoList } from '../../src/contract/index';
import { startDraft } from '../../src/core/drafts/start-draft';
import { saveAnswer } from '../../src/core/drafts/save-answer';
import { queueFeedback, newFeedbackId } from '../../src/core/feedback/queue-feedback';
import { finaliseDraft } from '../../src/core/outbox/finalise-draft';
import { flushOutbox } from '../../src/core/outbox/flush-outbox';
import { markStatusesSeen, syncStatuses } from '../../src/core/status/sync-statuses';
import { SYNC_SIDES } from '../../src/core/test-support/sync-sides';
import { testDb } from '../../src/core/test-support/test-db';
import { postBackOfficeMove, TEST_ADMIN_TOKEN } from '../../server/test-support/back-office-client';
import { FIXTURE_CONTENT_DIR, startTestServer, type TestServer } from '../../server/test-support/start-test-server';
import { validItem } from '../../server/test-support/submission-fixtures';

const ADMIN_TOKEN = TEST_ADMIN_TOKEN;
const form = JSON.parse(readFileSync(join(FIXTURE_CONTENT_DIR, 'forms/birth-certificate-copy.v1.json'), 'utf8')) as FormDefinition;
const soato = JSON.parse(readFileSync(join(FIXTURE_CONTENT_DIR, 'refs/soato.json'), 'utf8')) as SoatoList;

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

async function move(application: string, to: string, en?: string): Promise<void> {
  const response = await postBackOfficeMove(server.origin, ADMIN_TOKEN, { application, to, ...(en ? { en } : {}) });
  expect(decodeURIComponent(response.headers.get('location') ?? '')).toContain(`moved to ${to}`);
}

describe.each(SYNC_SIDES)('statuses and feedback between the phone\'s database and the real server, sent from $side', ({ sync }) => {
  it('returns an application for correction, reopens it as a draft, takes the correction as the same application, and sends feedback once', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const db = testDb();
    const baseUrl = server.origin;
    const draft = await startDraft(db, 'birth-certificate-copy', 1);
    for (const [field, value] of Object.entries(validItem().answers)) await saveAnswer(db, draft.id, field, value);
    expect((await finaliseDraft(db, draft.id, form, soato)).ok).toBe(true);
    await flushOutbox(await sync(db), { baseUrl });
    const delivered = await db.outbox.get(draft.id);
    expect(delivered?.state).toBe('delivered');
    const number = delivered!.receipt!.number;

    // Received is what the receipt already said: nothing new to tell.
    expect(await syncStatuses(await sync(db), { baseUrl })).toEqual([]);
    expect(await db.statuses.get(draft.id)).toMatchObject({ status: 'received', number, unseen: false });

    await move(number, 'returned', 'Please write the full name as in the passport.');
    const news = await syncStatuses(await sync(db), { baseUrl });
    expect(news).toMatchObject([{ id: draft.id, status: 'returned', message: { en: 'Please write the full name as in the passport.' } }]);
    const reopened = await db.drafts.get(draft.id);
    expect(reopened).toMatchObject({ revision: 2, returned: { message: { en: 'Please write the full name as in the passport.' } } });
    expect(reopened?.answers).toMatchObject({ fullName: 'Dilnoza Karimova' });
    // A second sync repeats nothing and does not reopen twice.
    expect(await syncStatuses(await sync(db), { baseUrl })).toEqual([]);

    await saveAnswer(db, draft.id, 'fullName', 'Dilnoza Baxtiyorovna Karimova');
    const corrected = await finaliseDraft(db, draft.id, form, soato);
    expect(corrected.ok && corrected.item.state).toBe('queued');
    await flushOutbox(await sync(db), { baseUrl });
    expect(await db.outbox.get(draft.id)).toMatchObject({ state: 'delivered', receipt: { number } });
    expect(server.rows()).toHaveLength(1);
    expect(JSON.parse(server.rows()[0]!.payload).answers.fullName).toBe('Dilnoza Baxtiyorovna Karimova');

    await move(number, 'completed');
    expect(await syncStatuses(await sync(db), { baseUrl })).toMatchObject([{ status: 'completed', revision: 2 }]);
    expect(await db.statuses.where('owner').equals('self').filter((s) => s.unseen).count()).toBe(1);
    await markStatusesSeen(db, 'self');
    expect(await db.statuses.filter((s) => s.unseen).count()).toBe(0);

    const input = { id: newFeedbackId(), owner: 'self', serviceId: 'birth-certificate-copy', applicationId: draft.id, rating: 5 as const, comment: ' Rahmat! ' };
    await queueFeedback(db, input);
    await queueFeedback(db, input);
    const requests: string[] = [];
    const counting: typeof fetch = (url, init) => { requests.push(String(init?.body)); return fetch(url, init); };
    await flushOutbox(await sync(db), { baseUrl, fetch: counting });
    await flushOutbox(await sync(db), { baseUrl, fetch: counting });
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!).items).toMatchObject([{ kind: 'feedback', rating: 5, comment: 'Rahmat!' }]);
    expect(await db.outbox.get(input.id)).toMatchObject({ state: 'delivered', receipt: { number: expect.stringMatching(/^FB-/) } });
  });

  it('hears nothing about another phone\'s applications', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const mine = testDb();
    const theirs = testDb();
    const draft = await startDraft(theirs, 'birth-certificate-copy', 1);
    for (const [field, value] of Object.entries(validItem().answers)) await saveAnswer(theirs, draft.id, field, value);
    await finaliseDraft(theirs, draft.id, form, soato);
    await flushOutbox(await sync(theirs), { baseUrl: server.origin });
    await move(draft.id, 'rejected');
    expect(await syncStatuses(await sync(mine), { baseUrl: server.origin })).toEqual([]);
    expect(await mine.statuses.count()).toBe(0);
    expect(await syncStatuses(await sync(theirs), { baseUrl: server.origin })).toMatchObject([{ status: 'rejected' }]);
  });
});
