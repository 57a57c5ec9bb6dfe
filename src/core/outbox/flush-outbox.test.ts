import { describe, expect, it } from 'vitest';
import { startDraft } from '../drafts/start-draft';
import { saveAnswer } from '../drafts/save-answer';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { queued, receiptServer } from '../test-support/queued-item';
import { testDb } from '../test-support/test-db';
import type { XizmatDb } from '../db/xizmat-db';
import { finaliseDraft } from './finalise-draft';
import { flushOutbox, type FlushOptions } from './flush-outbox';

describe('finaliseDraft', () => {
  it('moves a valid draft into the outbox as queued, in one step', async () => {
    const db = testDb();
    const item = await queued(db);
    expect(await db.drafts.count()).toBe(0);
    expect((await db.outbox.get(item.id))?.state).toBe('queued');
    expect(JSON.parse(item.payload!.body).answers).toEqual(VALID_ANSWERS);
  });

  it('keeps an invalid draft as a draft and reports the problems', async () => {
    const db = testDb();
    const draft = await startDraft(db, 'birth-certificate-copy', 1);
    await saveAnswer(db, draft.id, 'pinfl', '123');
    const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`)).toContain('pinfl:pinfl_format');
    expect(await db.drafts.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe.each(SYNC_SIDES)('flushOutbox, from $side', ({ sync }) => {
  const flush = async (db: XizmatDb, options?: FlushOptions) => flushOutbox(await sync(db), options);

  it('sends every queued item in one batch and keeps each receipt', async () => {
    const db = testDb();
    const a = await queued(db);
    const b = await queued(db);
    const batches: string[][] = [];
    const report = await flush(db, { fetch: receiptServer(batches) });
    expect(batches).toEqual([[a.id, b.id]]);
    expect(report).toMatchObject({ ran: true, delivered: 2, retrying: 0 });
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered']);
    expect(rows.every((r) => r.payload === null && /^XZ-2026-\d{6}$/.test(r.receipt!.number))).toBe(true);
  });

  it('does not send a delivered item again', async () => {
    const db = testDb();
    await queued(db);
    const batches: string[][] = [];
    const server = receiptServer(batches);
    await flush(db, { fetch: server });
    await flush(db, { fetch: server, force: true });
    expect(batches).toHaveLength(1);
  });

  it('keeps the item queued with a later attempt when the network fails', async () => {
    const db = testDb();
    const item = await queued(db);
    const report = await flush(db, { fetch: async () => { throw new TypeError('Failed to fetch'); }, now: () => 1_000, force: true });
    const row = await db.outbox.get(item.id);
    expect(report.retrying).toBe(1);
    expect(row).toMatchObject({ state: 'queued', attempts: 1 });
    expect(row!.nextAttemptAt).toBeGreaterThan(1_000);
    expect(row!.payload).not.toBeNull();
  });

  it('does not take a 2xx page without a receipt (a captive portal) as delivery', async () => {
    const db = testDb();
    const item = await queued(db);
    const portal: typeof fetch = async () => new Response('<html>Login to Wi-Fi</html>', { status: 200 });
    await flush(db, { fetch: portal });
    expect((await db.outbox.get(item.id))?.state).toBe('queued');
  });

  it('does not take a receipt for another id as delivery', async () => {
    const db = testDb();
    const item = await queued(db);
    const liar: typeof fetch = async () => new Response(JSON.stringify({
      results: [{ id: item.id, status: 201, receipt: { id: '0190d5c2-0000-7000-8000-000000000000', number: 'XZ-2026-000001', receivedAt: 'x' } }],
    }), { status: 200 });
    await flush(db, { fetch: liar });
    expect((await db.outbox.get(item.id))?.state).toBe('queued');
  });

  it('keeps the items a batch answers 503 or 429 on their own queued, and takes the receipts beside them', async () => {
    const db = testDb();
    const [stored, failed, limited] = [await queued(db), await queued(db), await queued(db)];
    const partly: typeof fetch = async () => new Response(JSON.stringify({
      results: [
        { id: stored.id, status: 201, receipt: { id: stored.id, number: 'XZ-2026-000001', receivedAt: '2026-11-30T10:00:00.000Z' } },
        { id: failed.id, status: 503, error: { code: 'internal_error', message: 'send it again' } },
        { id: limited.id, status: 429, error: { code: 'rate_limited', message: 'send it again' } },
      ],
    }), { status: 200 });
    expect(await flush(db, { fetch: partly })).toMatchObject({ delivered: 1, retrying: 2, needsAction: 0 });
    expect((await db.outbox.get(failed.id))?.state).toBe('queued');
    expect((await db.outbox.get(limited.id))?.state).toBe('queued');
  });

  it('honours Retry-After on 503', async () => {
    const db = testDb();
    const item = await queued(db);
    const busy: typeof fetch = async () => new Response('{}', { status: 503, headers: { 'retry-after': '120' } });
    await flush(db, { fetch: busy, now: () => 10_000, force: true });
    expect((await db.outbox.get(item.id))?.nextAttemptAt).toBe(130_000);
  });

  it('marks an item the server refuses with 422 as needing action, with the field problems', async () => {
    const db = testDb();
    const item = await queued(db);
    const refuse: typeof fetch = async () => new Response(JSON.stringify({
      results: [{ id: item.id, status: 422, error: { code: 'validation_failed', message: 'x', fields: [{ field: 'pinfl', code: 'pinfl_date', severity: 'error' }] } }],
    }), { status: 200 });
    await flush(db, { fetch: refuse });
    const row = await db.outbox.get(item.id);
    expect(row?.state).toBe('needs_action');
    expect(row?.problem).toEqual({ code: 'validation_failed', fields: [{ field: 'pinfl', code: 'pinfl_date', severity: 'error' }] });
    expect(row?.payload).not.toBeNull();
  });

  it('leaves a backed-off item alone on a timer wake-up but sends it when forced', async () => {
    const db = testDb();
    await queued(db);
    await flush(db, { fetch: async () => { throw new TypeError('offline'); }, now: () => 0, force: true });
    const batches: string[][] = [];
    await flush(db, { fetch: receiptServer(batches), now: () => 1 });
    expect(batches).toHaveLength(0);
    await flush(db, { fetch: receiptServer(batches), now: () => 1, force: true });
    expect(batches).toHaveLength(1);
  });

  it('sends on a timer wake-up an item whose wait was set by a clock that was later put back a year', async () => {
    const db = testDb();
    const item = await queued(db);
    const yearMs = 365 * 24 * 3_600_000;
    // The phone's clock ran a year ahead when the try failed; the server also asked to wait.
    const busy: typeof fetch = async () => new Response('{}', { status: 503, headers: { 'retry-after': '600' } });
    await flush(db, { fetch: busy, now: () => yearMs, force: true });
    expect((await db.outbox.get(item.id))?.notBefore).toBeGreaterThan(yearMs);
    const batches: string[][] = [];
    await flush(db, { fetch: receiptServer(batches), now: () => 1_000 });
    expect(batches).toEqual([[item.id]]);
  });

  it('lets only one of two simultaneous senders post', async () => {
    const db = testDb();
    await queued(db);
    const batches: string[][] = [];
    const slow = receiptServer(batches);
    const server: typeof fetch = async (url, init) => { await new Promise((r) => setTimeout(r, 20)); return slow(url, init); };
    const [first, second] = await Promise.all([flush(db, { fetch: server }), flush(db, { fetch: server })]);
    expect(batches).toHaveLength(1);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);
  });

  it('resends an item left "sending" by a sender that died mid-request', async () => {
    const db = testDb();
    const item = await queued(db);
    await db.outbox.update(item.id, { state: 'sending', nextAttemptAt: Number.MAX_SAFE_INTEGER });
    const batches: string[][] = [];
    await flush(db, { fetch: receiptServer(batches), force: true });
    expect(batches).toEqual([[item.id]]);
  });
});

function answer(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

describe.each(SYNC_SIDES)('flushOutbox, refusals, from $side', ({ sync }) => {
  const flush = async (db: XizmatDb, options?: FlushOptions) => flushOutbox(await sync(db), options);

  it('reopens a 422 as a draft under the same id, and the corrected draft goes out under that id', async () => {
    const db = testDb();
    const item = await queued(db);
    const fields = [{ field: 'lastName', code: 'too_short', severity: 'error' }];
    await flush(db, { fetch: answer(200, { results: [{ id: item.id, status: 422, error: { code: 'validation_failed', message: 'x', fields } }] }) });
    const draft = await db.drafts.get(item.id);
    expect(draft?.serverProblems).toEqual(fields);
    expect(draft?.answers).toEqual(VALID_ANSWERS);
    await saveAnswer(db, item.id, 'lastName', 'Karimova-Rahimova');
    const again = await finaliseDraft(db, item.id, SAMPLE_FORM, SAMPLE_SOATO);
    expect(again.ok && again.item.state).toBe('queued');
    const batches: string[][] = [];
    await flush(db, { fetch: receiptServer(batches) });
    expect(batches).toEqual([[item.id]]);
    expect(await db.drafts.count()).toBe(0);
    expect((await db.outbox.get(item.id))?.state).toBe('delivered');
  });

  it('quarantines an id the server holds with other answers, keeping the payload', async () => {
    const db = testDb();
    const item = await queued(db);
    await flush(db, { fetch: answer(200, { results: [{ id: item.id, status: 422, error: { code: 'id_reused', message: 'x' } }] }) });
    const row = await db.outbox.get(item.id);
    expect(row?.state).toBe('quarantined');
    expect(row?.payload).not.toBeNull();
    const batches: string[][] = [];
    await flush(db, { fetch: receiptServer(batches), force: true });
    expect(batches).toEqual([]);
  });

  it('blocks everything on 401 and stops, keeping every item', async () => {
    const db = testDb();
    const a = await queued(db);
    const b = await queued(db);
    let calls = 0;
    const unauthorised: typeof fetch = async () => { calls++; return new Response('{}', { status: 401 }); };
    await flush(db, { fetch: unauthorised });
    expect(calls).toBe(1);
    expect((await db.outbox.bulkGet([a.id, b.id])).map((r) => [r?.state, r?.payload !== null])).toEqual([['blocked', true], ['blocked', true]]);
  });

  it('splits a batch the server finds too large, and asks for a smaller attachment only for the item at fault', async () => {
    const db = testDb();
    const small = await queued(db);
    const big = await queued(db, { ...VALID_ANSWERS, lastName: 'Big' });
    const batches: string[][] = [];
    const receipts = receiptServer();
    const server: typeof fetch = async (url, init) => {
      const ids = (JSON.parse(String(init?.body)) as { items: { id: string }[] }).items.map((i) => i.id);
      batches.push(ids);
      return ids.includes(big.id) ? new Response('{"error":{"code":"body_too_large"}}', { status: 413 }) : receipts(url, init);
    };
    await flush(db, { fetch: server });
    expect(batches).toEqual([[small.id, big.id], [small.id], [big.id]]);
    expect((await db.outbox.get(small.id))?.state).toBe('delivered');
    expect((await db.outbox.get(big.id))?.problem).toEqual({ code: 'too_large' });
  });

  it('looks again soon after 409 "in progress"', async () => {
    const db = testDb();
    const item = await queued(db);
    await flush(db, { fetch: answer(409, {}), now: () => 1_000, force: true });
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'queued', nextAttemptAt: 4_000, retryReason: 'in_progress' });
  });

  it('keeps Retry-After even when the person presses Send now', async () => {
    const db = testDb();
    await queued(db);
    await flush(db, { fetch: answer(503, {}, { 'retry-after': '120' }), now: () => 0, force: true });
    const batches: string[][] = [];
    await flush(db, { fetch: receiptServer(batches), now: () => 60_000, force: true });
    expect(batches).toEqual([]);
    await flush(db, { fetch: receiptServer(batches), now: () => 120_001, force: true });
    expect(batches).toHaveLength(1);
  });

  it('gives up on a request that takes too long and retries it later', async () => {
    const db = testDb();
    const item = await queued(db);
    const stalled: typeof fetch = (_url, init) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
    });
    await flush(db, { fetch: stalled, timeoutMs: 50, force: true });
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'queued', retryReason: 'timeout' });
  });

  it('treats a double tap on Submit as one application', async () => {
    const db = testDb();
    const draft = await startDraft(db, 'birth-certificate-copy', 1);
    for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
    const [first, second] = await Promise.all([
      finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO), finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO),
    ]);
    expect(first.ok && second.ok && first.item.id === second.item.id).toBe(true);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('finaliseDraft, typed text', () => {
  it("sends Uzbek apostrophes in canonical form and keeps what was typed beside it", async () => {
    const db = testDb();
    const item = await queued(db, { ...VALID_ANSWERS, lastName: "  To'xtayeva " });
    const sent = JSON.parse(item.payload!.body);
    expect(sent.answers.lastName).toBe('Toʻxtayeva');
    expect(sent.raw).toEqual({ lastName: "To'xtayeva" });
  });

  it('sends no raw copy when nothing changed', async () => {
    const db = testDb();
    const item = await queued(db);
    expect(JSON.parse(item.payload!.body).raw).toBeUndefined();
  });
});
