import { describe, expect, it } from 'vitest';
import { startDraft } from '../drafts/start-draft';
import { saveAnswer } from '../drafts/save-answer';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import { testDb } from '../test-support/test-db';
import type { XizmatDb } from '../db/xizmat-db';
import { finaliseDraft } from './finalise-draft';
import { flushOutbox } from './flush-outbox';

async function queued(db: XizmatDb, answers: Record<string, string | boolean> = VALID_ANSWERS) {
  const draft = await startDraft(db, 'birth-certificate-copy', 1);
  for (const [field, value] of Object.entries(answers)) await saveAnswer(db, draft.id, field, value);
  const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

function receiptServer(seen: string[][] = []): typeof fetch {
  let seq = 0;
  return async (_url, init) => {
    const { items } = JSON.parse(String(init?.body)) as { items: { id: string }[] };
    seen.push(items.map((i) => i.id));
    const results = items.map((item) => ({
      id: item.id, status: 201,
      receipt: { id: item.id, number: `XZ-2026-${String(++seq).padStart(6, '0')}`, receivedAt: new Date().toISOString() },
    }));
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

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

describe('flushOutbox', () => {
  it('sends every queued item in one batch and keeps each receipt', async () => {
    const db = testDb();
    const a = await queued(db);
    const b = await queued(db);
    const batches: string[][] = [];
    const report = await flushOutbox(db, { fetch: receiptServer(batches) });
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
    await flushOutbox(db, { fetch: server });
    await flushOutbox(db, { fetch: server, force: true });
    expect(batches).toHaveLength(1);
  });

  it('keeps the item queued with a later attempt when the network fails', async () => {
    const db = testDb();
    const item = await queued(db);
    const report = await flushOutbox(db, { fetch: async () => { throw new TypeError('Failed to fetch'); }, now: () => 1_000, force: true });
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
    await flushOutbox(db, { fetch: portal });
    expect((await db.outbox.get(item.id))?.state).toBe('queued');
  });

  it('does not take a receipt for another id as delivery', async () => {
    const db = testDb();
    const item = await queued(db);
    const liar: typeof fetch = async () => new Response(JSON.stringify({
      results: [{ id: item.id, status: 201, receipt: { id: '0190d5c2-0000-7000-8000-000000000000', number: 'XZ-2026-000001', receivedAt: 'x' } }],
    }), { status: 200 });
    await flushOutbox(db, { fetch: liar });
    expect((await db.outbox.get(item.id))?.state).toBe('queued');
  });

  it('honours Retry-After on 503', async () => {
    const db = testDb();
    const item = await queued(db);
    const busy: typeof fetch = async () => new Response('{}', { status: 503, headers: { 'retry-after': '120' } });
    await flushOutbox(db, { fetch: busy, now: () => 10_000, force: true });
    expect((await db.outbox.get(item.id))?.nextAttemptAt).toBe(130_000);
  });

  it('marks an item the server refuses with 422 as needing action, with the field problems', async () => {
    const db = testDb();
    const item = await queued(db);
    const refuse: typeof fetch = async () => new Response(JSON.stringify({
      results: [{ id: item.id, status: 422, error: { code: 'validation_failed', message: 'x', fields: [{ field: 'pinfl', code: 'pinfl_date', severity: 'error' }] } }],
    }), { status: 200 });
    await flushOutbox(db, { fetch: refuse });
    const row = await db.outbox.get(item.id);
    expect(row?.state).toBe('needs_action');
    expect(row?.problem).toEqual({ code: 'validation_failed', fields: [{ field: 'pinfl', code: 'pinfl_date', severity: 'error' }] });
    expect(row?.payload).not.toBeNull();
  });

  it('leaves a backed-off item alone on a timer wake-up but sends it when forced', async () => {
    const db = testDb();
    await queued(db);
    await flushOutbox(db, { fetch: async () => { throw new TypeError('offline'); }, now: () => 0, force: true });
    const batches: string[][] = [];
    await flushOutbox(db, { fetch: receiptServer(batches), now: () => 1 });
    expect(batches).toHaveLength(0);
    await flushOutbox(db, { fetch: receiptServer(batches), now: () => 1, force: true });
    expect(batches).toHaveLength(1);
  });

  it('lets only one of two simultaneous senders post', async () => {
    const db = testDb();
    await queued(db);
    const batches: string[][] = [];
    const slow = receiptServer(batches);
    const server: typeof fetch = async (url, init) => { await new Promise((r) => setTimeout(r, 20)); return slow(url, init); };
    const [first, second] = await Promise.all([flushOutbox(db, { fetch: server }), flushOutbox(db, { fetch: server })]);
    expect(batches).toHaveLength(1);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);
  });

  it('resends an item left "sending" by a sender that died mid-request', async () => {
    const db = testDb();
    const item = await queued(db);
    await db.outbox.update(item.id, { state: 'sending', nextAttemptAt: Number.MAX_SAFE_INTEGER });
    const batches: string[][] = [];
    await flushOutbox(db, { fetch: receiptServer(batches), force: true });
    expect(batches).toEqual([[item.id]]);
  });
});
