import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER, parseInvoiceReference, type StatusChange, type StatusesResponse } from '../../src/contract/index';
import { FIXTURE_FEE_TIYIN, feeContentDir } from '../test-support/fee-content';
import { storeServers, STORE_KINDS } from '../test-support/store-servers';
import { submit, TEST_DEVICE_KEY, validItem } from '../test-support/submission-fixtures';
import { PAYME_ERRORS } from './payme-merchant';
import { PAYME_PATH } from './payme-routes';
import { standInKey } from './payme-settings';
import { callPayme, PaymeCallError, payAsPayme, paymeTransactionId, type PaymeCaller } from './stand-in-payme';
import { PAYME_TRANSACTION_TIMEOUT_MS, INVOICE_VALID_MS } from '../storage/payments';

// Payme's Merchant API against a real server over HTTP, on both stores: the provider's calls as the
// protocol defines them, forged and repeated ones, and what the applicant's phone learns.

const servers = storeServers();
const dirs: string[] = [];
afterEach(async () => {
  await servers.closeAll();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A clock the test moves: the store's "now" for due times and Payme's 12-hour timeout. */
function movableClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => { offset += ms; } };
}

async function start(kind: (typeof STORE_KINDS)[number], content: Parameters<typeof feeContentDir>[1] = {}) {
  const clock = movableClock();
  const server = await servers.start(kind, { contentDir: await feeContentDir(dirs, content), storageNow: clock.now, adminToken: undefined });
  const payme: PaymeCaller = { url: `${server.origin}${PAYME_PATH}`, key: await standInKey(server.storage.operators, clock.now) };
  return { server, clock, payme };
}

async function statuses(origin: string, key = TEST_DEVICE_KEY): Promise<StatusChange[]> {
  const response = await fetch(`${origin}/api/v1/statuses`, { headers: { [DEVICE_KEY_HEADER]: key } });
  return ((await response.json()) as StatusesResponse).changes;
}

/** Sends one billed application and answers its invoice as the phone received it. */
async function applyWithFee(origin: string) {
  const item = validItem();
  const [result] = await submit(origin, [item]);
  expect(result?.status).toBe(201);
  const change = (await statuses(origin)).find((c) => c.id === item.id)!;
  return { item, change, invoice: change.invoice! };
}

async function rpc(url: string, body: string, authorization?: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
  return { status: response.status, body: await response.json() as { result?: Record<string, unknown>; error?: { code: number; data?: string; message: Record<string, string> } } };
}

function basic(login: string, key: string): string {
  return `Basic ${Buffer.from(`${login}:${key}`).toString('base64')}`;
}

async function errorOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PaymeCallError) return error.code;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe.each(STORE_KINDS)('Payme merchant API on %s', (kind) => {
  it('bills a fee on receipt from the answers, worked out on the server; a free application is received at once', async () => {
    const { server } = await start(kind);
    const { change, invoice } = await applyWithFee(server.origin);
    expect(change.status).toBe('awaiting_payment');
    expect(invoice).toMatchObject({ amountTiyin: FIXTURE_FEE_TIYIN, state: 'open' });
    expect(parseInvoiceReference(invoice.reference)).toBe(invoice.reference);
    expect(Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)).toBe(INVOICE_VALID_MS);
    // The link a payment app opens carries the merchant, the reference and the amount.
    const params = Buffer.from(new URL(invoice.payLink!).pathname.slice(1), 'base64').toString('utf8');
    expect(params).toBe(`m=000000000000000000000000;ac.invoice=${invoice.reference};a=${FIXTURE_FEE_TIYIN}`);

    const free = validItem({ answers: { ...validItem().answers, reason: 'damaged' } });
    await submit(server.origin, [free]);
    const freeChange = (await statuses(server.origin)).find((c) => c.id === free.id)!;
    expect(freeChange.status).toBe('received');
    expect(freeChange.invoice).toBeUndefined();
  });

  it('refuses a caller without Payme\'s credentials, in a 200 as the protocol wants, and stores nothing', async () => {
    const { server, payme } = await start(kind);
    const { invoice } = await applyWithFee(server.origin);
    const create = JSON.stringify({ id: 1, method: 'CreateTransaction', params: { id: paymeTransactionId(), time: Date.now(), amount: FIXTURE_FEE_TIYIN, account: { invoice: invoice.reference } } });
    for (const authorization of [undefined, basic('Paycom', 'not-the-key'), basic('someone', payme.key), `Bearer ${payme.key}`, 'Basic %%%']) {
      const answer = await rpc(payme.url, create, authorization);
      expect(answer.status).toBe(200);
      expect(answer.body.error?.code).toBe(PAYME_ERRORS.unauthorised);
    }
    expect(await server.storage.payments.paymeStatement(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect((await server.storage.payments.invoice(invoice.reference))?.state).toBe('open');
  });

  it('answers malformed calls with the protocol\'s own errors, never a 5xx', async () => {
    const { payme } = await start(kind);
    const auth = basic('Paycom', payme.key);
    expect((await rpc(payme.url, '{not json', auth)).body.error?.code).toBe(PAYME_ERRORS.parse);
    expect((await rpc(payme.url, JSON.stringify({ id: 1, method: 'Refund', params: {} }), auth)).body.error?.code).toBe(PAYME_ERRORS.methodNotFound);
    expect((await rpc(payme.url, JSON.stringify({ id: 1, method: 'CheckTransaction' }), auth)).body.error?.code).toBe(PAYME_ERRORS.invalidRequest);
    for (const params of [{ amount: -5, account: { invoice: '1' } }, { amount: 1.5, account: {} }, { amount: '100', account: {} }]) {
      expect((await rpc(payme.url, JSON.stringify({ id: 2, method: 'CheckPerformTransaction', params }), auth)).body.error?.code).toBe(PAYME_ERRORS.invalidRequest);
    }
    expect((await rpc(payme.url, JSON.stringify({ id: 3, method: 'CancelTransaction', params: { id: 'abc', reason: 99 } }), auth)).body.error?.code).toBe(PAYME_ERRORS.invalidRequest);
    // Payme only ever POSTs: any other method is not a route at all.
    expect((await fetch(payme.url)).status).toBe(404);
  });

  it('refuses a wrong amount and a reference that is not an open invoice', async () => {
    const { server, payme } = await start(kind);
    const { invoice } = await applyWithFee(server.origin);
    expect(await errorOf(callPayme(payme, 'CheckPerformTransaction', { amount: FIXTURE_FEE_TIYIN - 100, account: { invoice: invoice.reference } }))).toBe(PAYME_ERRORS.wrongAmount);
    expect(await errorOf(callPayme(payme, 'CreateTransaction', { id: paymeTransactionId(), time: Date.now(), amount: FIXTURE_FEE_TIYIN + 1, account: { invoice: invoice.reference } }))).toBe(PAYME_ERRORS.wrongAmount);
    // One digit mistyped: the check digit makes it nobody's invoice.
    const typo = invoice.reference.slice(0, -2) + String((Number(invoice.reference.at(-2)) + 1) % 10) + invoice.reference.at(-1);
    const answer = await rpc(payme.url, JSON.stringify({ id: 1, method: 'CheckPerformTransaction', params: { amount: FIXTURE_FEE_TIYIN, account: { invoice: typo } } }), basic('Paycom', payme.key));
    expect(answer.body.error).toMatchObject({ code: PAYME_ERRORS.invoiceNotFound, data: 'invoice' });
    expect(answer.body.error?.message).toEqual(expect.objectContaining({ ru: expect.any(String), uz: expect.any(String), en: expect.any(String) }));
    expect(await errorOf(callPayme(payme, 'CheckPerformTransaction', { amount: FIXTURE_FEE_TIYIN, account: { invoice: '260000000001' } }))).toBe(PAYME_ERRORS.invoiceNotFound);
    expect(await server.storage.payments.paymeStatement(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('pays once: a repeated create or perform gets the stored answer, and the phone learns it with its next status sync', async () => {
    const { server, payme } = await start(kind);
    const { item, invoice } = await applyWithFee(server.origin);
    const account = { invoice: invoice.reference };
    await callPayme(payme, 'CheckPerformTransaction', { amount: FIXTURE_FEE_TIYIN, account });
    const id = paymeTransactionId();
    const time = Date.now();
    const created = await callPayme(payme, 'CreateTransaction', { id, time, amount: FIXTURE_FEE_TIYIN, account });
    expect(created).toMatchObject({ state: 1 });
    expect(await callPayme(payme, 'CreateTransaction', { id, time, amount: FIXTURE_FEE_TIYIN, account })).toEqual(created);
    const performed = await callPayme(payme, 'PerformTransaction', { id });
    expect(performed).toMatchObject({ state: 2, transaction: created.transaction });
    expect(await callPayme(payme, 'PerformTransaction', { id })).toEqual(performed);
    // A create for the performed transaction again is refused, not re-answered.
    expect(await errorOf(callPayme(payme, 'CreateTransaction', { id, time, amount: FIXTURE_FEE_TIYIN, account }))).toBe(PAYME_ERRORS.cannotPerform);
    // A second payment of a paid invoice is refused.
    expect(await errorOf(callPayme(payme, 'CreateTransaction', { id: paymeTransactionId(), time, amount: FIXTURE_FEE_TIYIN, account }))).toBe(PAYME_ERRORS.invoiceNotPayable);

    expect(await callPayme(payme, 'CheckTransaction', { id })).toEqual({
      create_time: created.create_time, perform_time: performed.perform_time, cancel_time: 0, transaction: created.transaction, state: 2, reason: null,
    });
    const change = (await statuses(server.origin)).find((c) => c.id === item.id)!;
    expect(change.status).toBe('received');
    expect(change.message?.en).toMatch(/Payment received/);
    expect(change.invoice).toMatchObject({ state: 'paid', paidVia: { provider: 'payme', transaction: id }, payLink: null });
    expect(Date.parse(change.invoice!.paidAt!)).toBe(performed.perform_time);
    expect(await server.storage.payments.paymeStatement(0, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
  });

  it('lets one transaction at a time pay an invoice; a cancelled one frees it for the next', async () => {
    const { server, payme } = await start(kind);
    const { invoice } = await applyWithFee(server.origin);
    const account = { invoice: invoice.reference };
    const first = paymeTransactionId();
    await callPayme(payme, 'CreateTransaction', { id: first, time: Date.now(), amount: FIXTURE_FEE_TIYIN, account });
    expect(await errorOf(callPayme(payme, 'CreateTransaction', { id: paymeTransactionId(), time: Date.now(), amount: FIXTURE_FEE_TIYIN, account }))).toBe(PAYME_ERRORS.invoiceBusy);
    expect(await errorOf(callPayme(payme, 'CheckPerformTransaction', { amount: FIXTURE_FEE_TIYIN, account }))).toBe(PAYME_ERRORS.invoiceBusy);
    const cancelled = await callPayme(payme, 'CancelTransaction', { id: first, reason: 3 });
    expect(cancelled).toMatchObject({ state: -1 });
    expect(await callPayme(payme, 'CancelTransaction', { id: first, reason: 3 })).toEqual(cancelled);
    expect(await errorOf(callPayme(payme, 'PerformTransaction', { id: first }))).toBe(PAYME_ERRORS.cannotPerform);
    expect(await callPayme(payme, 'CheckTransaction', { id: first })).toMatchObject({ state: -1, reason: 3, perform_time: 0 });
    // Still open: a new payment goes through.
    await payAsPayme(payme, invoice.reference, FIXTURE_FEE_TIYIN);
    expect((await server.storage.payments.invoice(invoice.reference))?.state).toBe('paid');
    expect(await errorOf(callPayme(payme, 'PerformTransaction', { id: 'unknown' }))).toBe(PAYME_ERRORS.transactionNotFound);
  });

  it('refunds a payment while the agency has not taken the application up, and refuses to once it has', async () => {
    const { server, payme } = await start(kind);
    const { item, invoice } = await applyWithFee(server.origin);
    const paid = await payAsPayme(payme, invoice.reference, FIXTURE_FEE_TIYIN);
    const refunded = await callPayme(payme, 'CancelTransaction', { id: paid.id, reason: 5 });
    expect(refunded).toMatchObject({ state: -2 });
    const change = (await statuses(server.origin)).find((c) => c.id === item.id)!;
    expect(change.status).toBe('awaiting_payment');
    expect(change.invoice).toMatchObject({ state: 'open' });
    expect(change.invoice?.paidAt).toBeUndefined();

    const again = await payAsPayme(payme, invoice.reference, FIXTURE_FEE_TIYIN);
    expect((await server.storage.moveStatus({ application: item.id, to: 'in_progress', message: null, actor: 'test' })).kind).toBe('moved');
    expect(await errorOf(callPayme(payme, 'CancelTransaction', { id: again.id, reason: 5 }))).toBe(PAYME_ERRORS.cannotCancel);
    expect(await callPayme(payme, 'CheckTransaction', { id: again.id })).toMatchObject({ state: 2 });
  });

  it('stores one transaction and one payment when notifications come at once', async () => {
    const { server, payme } = await start(kind);
    const { item, invoice } = await applyWithFee(server.origin);
    const account = { invoice: invoice.reference };
    const id = paymeTransactionId();
    const time = Date.now();
    const twins = await Promise.all([1, 2, 3].map(() => callPayme(payme, 'CreateTransaction', { id, time, amount: FIXTURE_FEE_TIYIN, account })));
    expect(new Set(twins.map((t) => JSON.stringify(t))).size).toBe(1);
    const rivals = await Promise.allSettled([1, 2, 3].map(() => callPayme(payme, 'CreateTransaction', { id: paymeTransactionId(), time, amount: FIXTURE_FEE_TIYIN, account })));
    expect(rivals.every((r) => r.status === 'rejected' && (r.reason as PaymeCallError).code === PAYME_ERRORS.invoiceBusy)).toBe(true);
    const performs = await Promise.all([1, 2, 3].map(() => callPayme(payme, 'PerformTransaction', { id })));
    expect(new Set(performs.map((p) => p.perform_time)).size).toBe(1);
    expect(await server.storage.payments.paymeStatement(0, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
    // One status change for the payment: the phone is told once.
    const moves = await server.storage.findApplications({ text: item.id, limit: 1 });
    expect(moves[0]?.status).toBe('received');
    const history = (await statuses(server.origin)).filter((c) => c.id === item.id);
    expect(history).toHaveLength(1);
  });

  it('cancels a transaction left unperformed for 12 hours, with reason 4, and the invoice stays payable', async () => {
    const { server, payme, clock } = await start(kind);
    const { invoice } = await applyWithFee(server.origin);
    const account = { invoice: invoice.reference };
    const id = paymeTransactionId();
    await callPayme(payme, 'CreateTransaction', { id, time: Date.now(), amount: FIXTURE_FEE_TIYIN, account });
    clock.advance(PAYME_TRANSACTION_TIMEOUT_MS + 1);
    expect(await errorOf(callPayme(payme, 'PerformTransaction', { id }))).toBe(PAYME_ERRORS.cannotPerform);
    expect(await callPayme(payme, 'CheckTransaction', { id })).toMatchObject({ state: -1, reason: 4 });
    await payAsPayme(payme, invoice.reference, FIXTURE_FEE_TIYIN);
    expect((await server.storage.payments.invoice(invoice.reference))?.state).toBe('paid');
  });

  it('expires an invoice not paid by its due time and refuses its application; the phone is told', async () => {
    const { server, payme, clock } = await start(kind);
    const { item, invoice } = await applyWithFee(server.origin);
    clock.advance(INVOICE_VALID_MS + 1);
    // Past due, the provider is refused at once, before any sweep.
    expect(await errorOf(callPayme(payme, 'CheckPerformTransaction', { amount: FIXTURE_FEE_TIYIN, account: { invoice: invoice.reference } }))).toBe(PAYME_ERRORS.invoiceNotPayable);
    expect(await server.storage.payments.expireInvoices()).toBe(1);
    expect(await server.storage.payments.expireInvoices()).toBe(0);
    const change = (await statuses(server.origin)).find((c) => c.id === item.id)!;
    expect(change.status).toBe('rejected');
    expect(change.invoice).toMatchObject({ state: 'expired', payLink: null });
    expect(change.message?.en).toMatch(/not paid in time/);
  });

  it('cancels the invoice when the agency refuses an unpaid application, and never lets it start work on one', async () => {
    const { server, payme } = await start(kind);
    const { item, invoice } = await applyWithFee(server.origin);
    expect(await server.storage.moveStatus({ application: item.id, to: 'in_progress', message: null, actor: 'test' })).toEqual({ kind: 'invalid', from: 'awaiting_payment' });
    expect((await server.storage.moveStatus({ application: item.id, to: 'rejected', message: { en: 'Not eligible.' }, actor: 'test' })).kind).toBe('moved');
    expect((await server.storage.payments.invoice(invoice.reference))?.state).toBe('cancelled');
    expect(await errorOf(callPayme(payme, 'CheckPerformTransaction', { amount: FIXTURE_FEE_TIYIN, account: { invoice: invoice.reference } }))).toBe(PAYME_ERRORS.invoiceNotPayable);
  });

  it('lists every transaction whose creation succeeded in GetStatement, by Payme\'s time, oldest first', async () => {
    const { server, payme } = await start(kind);
    const a = await applyWithFee(server.origin);
    const b = await applyWithFee(server.origin);
    const cancelledId = paymeTransactionId();
    await callPayme(payme, 'CreateTransaction', { id: cancelledId, time: 1_700_000_000_000, amount: FIXTURE_FEE_TIYIN, account: { invoice: a.invoice.reference } });
    await callPayme(payme, 'CancelTransaction', { id: cancelledId, reason: 1 });
    const paid = await payAsPayme({ ...payme, now: () => 1_700_000_100_000 }, b.invoice.reference, FIXTURE_FEE_TIYIN);
    const statement = await callPayme(payme, 'GetStatement', { from: 1_600_000_000_000, to: 1_800_000_000_000 }) as { transactions: Record<string, unknown>[] };
    expect(statement.transactions.map((t) => [t.id, t.state, (t.account as { invoice: string }).invoice])).toEqual([
      [cancelledId, -1, a.invoice.reference], [paid.id, 2, b.invoice.reference],
    ]);
    expect((await callPayme(payme, 'GetStatement', { from: 1_700_000_050_000, to: 1_800_000_000_000 }) as { transactions: unknown[] }).transactions).toHaveLength(1);
  });

  it('completes an automated service once it is paid, and not before', async () => {
    const { server, payme } = await start(kind, { automated: true });
    const { item, change, invoice } = await applyWithFee(server.origin);
    expect(change.status).toBe('awaiting_payment');
    await payAsPayme(payme, invoice.reference, FIXTURE_FEE_TIYIN);
    expect((await statuses(server.origin)).find((c) => c.id === item.id)?.status).toBe('completed');
  });

  it('takes a paid application straight into work where the passport says so; its payment can no longer be refunded', async () => {
    const { server, payme } = await start(kind, { afterPayment: 'in_progress' });
    const { item, invoice } = await applyWithFee(server.origin);
    const paid = await payAsPayme(payme, invoice.reference, FIXTURE_FEE_TIYIN);
    expect((await statuses(server.origin)).find((c) => c.id === item.id)).toMatchObject({ status: 'in_progress', invoice: { state: 'paid' } });
    expect(await errorOf(callPayme(payme, 'CancelTransaction', { id: paid.id, reason: 5 }))).toBe(PAYME_ERRORS.cannotCancel);
  });
});

describe('a real Payme cashbox', () => {
  it('answers only Payme\'s published addresses, whatever key the caller holds', async () => {
    const key = 'k'.repeat(36);
    const server = await servers.start('SQLite', {
      contentDir: await feeContentDir(dirs), paymeEnv: { merchantId: 'a'.repeat(24), key, checkoutUrl: null, sources: null },
    });
    const answer = await rpc(`${server.origin}${PAYME_PATH}`, JSON.stringify({ id: 1, method: 'CheckTransaction', params: { id: 'x' } }), basic('Paycom', key));
    expect(answer.body.error?.code).toBe(PAYME_ERRORS.unauthorised);
    const { invoice } = await applyWithFee(server.origin);
    expect(invoice.payLink).toMatch(/^https:\/\/checkout\.paycom\.uz\//);
  });

  it('with its addresses allowed, takes the configured key and no other', async () => {
    const key = 'k'.repeat(36);
    const server = await servers.start('SQLite', {
      contentDir: await feeContentDir(dirs), paymeEnv: { merchantId: 'a'.repeat(24), key, checkoutUrl: null, sources: '127.0.0.1' },
    });
    const url = `${server.origin}${PAYME_PATH}`;
    const body = JSON.stringify({ id: 1, method: 'CheckTransaction', params: { id: 'x' } });
    expect((await rpc(url, body, basic('Paycom', key))).body.error?.code).toBe(PAYME_ERRORS.transactionNotFound);
    const standIn = await standInKey(server.storage.operators, () => new Date());
    expect((await rpc(url, body, basic('Paycom', standIn))).body.error?.code).toBe(PAYME_ERRORS.unauthorised);
  });
});
