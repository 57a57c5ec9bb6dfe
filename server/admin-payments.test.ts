import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER, invoiceReference, type StatusesResponse } from '../src/contract/index';
import { runAdmin, type StandInTarget } from './admin';
import { PAYME_PATH } from './payments/payme-routes';
import { standInKey } from './payments/payme-settings';
import { basicAuth, TEST_ADMIN_TOKEN } from './test-support/back-office-client';
import { FIXTURE_FEE_TIYIN, feeContentDir } from './test-support/fee-content';
import { startTestServer, type TestServer } from './test-support/start-test-server';
import { submit, TEST_DEVICE_KEY, validItem } from './test-support/submission-fixtures';

// `npm run admin -- pay` plays Payme over real HTTP against a running server, as a person paying in
// a payment app would set it off; `invoices` and `expire-invoices` read and sweep the same database.

let server: TestServer;

/** The receipt number of one application sent to the server, which must be stored. */
async function applied(): Promise<string> {
  const [result] = await submit(server.origin, [validItem()]);
  if (!result || !('receipt' in result)) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.receipt.number;
}
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function run(target: StandInTarget | undefined, ...argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runAdmin(argv, server.storage, (line) => out.push(line), undefined, target);
  return { code, out };
}

describe('the back office\'s payments', () => {
  it('lists invoices with their state and receipt, and offers only a refusal for an unpaid application', async () => {
    server = await startTestServer({ contentDir: await feeContentDir(dirs), adminToken: TEST_ADMIN_TOKEN });
    const target: StandInTarget = { url: `${server.origin}${PAYME_PATH}`, key: () => standInKey(server.storage.operators, () => new Date()) };
    const paidNumber = await applied();
    const unpaidItem = validItem();
    await submit(server.origin, [unpaidItem]);
    const paid = await run(target, 'pay', paidNumber);
    const transaction = /transaction ([0-9a-f]{24})/.exec(paid.out[0]!)![1]!;
    const page = await (await fetch(`${server.origin}/back-office`, { headers: { authorization: basicAuth(TEST_ADMIN_TOKEN) } })).text();
    const invoiceRows = [...page.matchAll(/<tr data-invoice="(\d{12})">(.*?)<\/tr>/gs)].map((m) => m[2]!);
    expect(invoiceRows).toHaveLength(2);
    expect(invoiceRows[1]).toContain(paidNumber);
    expect(invoiceRows[1]).toContain('18 540 soʻm');
    expect(invoiceRows[1]).toMatch(new RegExp(`data-invoice-state>paid<.*payme ${transaction}`, 's'));
    expect(invoiceRows[0]).toMatch(/data-invoice-state>open, due /);
    const unpaidRow = new RegExp(`<tr data-application="${unpaidItem.id}">(.*?)</tr>`, 's').exec(page)![1]!;
    expect([...unpaidRow.matchAll(/<option value="(\w+)">/g)].map((m) => m[1])).toEqual(['rejected']);
  });
});

describe('the admin command\'s payments', () => {
  it('pays an invoice as the stand-in Payme, found by its reference or its application\'s number, once', async () => {
    server = await startTestServer({ contentDir: await feeContentDir(dirs) });
    const target: StandInTarget = { url: `${server.origin}${PAYME_PATH}`, key: () => standInKey(server.storage.operators, () => new Date()) };
    const first = await applied();
    const second = await applied();
    const listed = await run(target, 'invoices', '--state', 'open');
    expect(listed.out).toHaveLength(2);
    expect(listed.out[0]).toMatch(new RegExp(`^\\d{12}\\t18 540 soʻm\\topen\\t${second}\\tawaiting_payment\\tdue `));
    const reference = listed.out[1]!.split('\t')[0]!;

    const paid = await run(target, 'pay', reference.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(paid.code).toBe(0);
    expect(paid.out[0]).toMatch(new RegExp(`^Paid ${reference.slice(0, 4)} .*: 18 540 soʻm for ${first} \\(stand-in Payme transaction [0-9a-f]{24}\\)\\.$`));
    expect(await run(target, 'pay', reference)).toEqual({ code: 1, out: [expect.stringMatching(/^Not paid: CheckPerformTransaction: -31051 /)] });
    expect((await run(target, 'pay', second)).code).toBe(0);
    expect((await run(target, 'invoices', '--state', 'paid')).out).toHaveLength(2);
    const { changes } = await (await fetch(`${server.origin}/api/v1/statuses`, { headers: { [DEVICE_KEY_HEADER]: TEST_DEVICE_KEY } })).json() as StatusesResponse;
    expect(changes.map((c) => [c.status, c.invoice?.state, c.invoice?.amountTiyin])).toEqual([['received', 'paid', FIXTURE_FEE_TIYIN], ['received', 'paid', FIXTURE_FEE_TIYIN]]);
  });

  it('refuses to pay with a real cashbox configured, an unknown invoice, and a server that is not there', async () => {
    server = await startTestServer({ contentDir: await feeContentDir(dirs) });
    await submit(server.origin, [validItem()]);
    const reference = (await server.storage.payments.invoices({ limit: 1 }))[0]!.reference;
    expect((await run({ url: `${server.origin}${PAYME_PATH}`, key: async () => null }, 'pay', reference)).out[0]).toMatch(/real Payme cashbox/);
    const target: StandInTarget = { url: 'http://127.0.0.1:9/api/v1/payments/payme', key: () => standInKey(server.storage.operators, () => new Date()) };
    const nobody = invoiceReference(2026, 999_999);
    expect((await run(target, 'pay', nobody)).out).toEqual([`No invoice "${nobody}".`]);
    expect((await run(target, 'pay', reference)).out[0]).toMatch(/^Not paid: the server at http:\/\/127\.0\.0\.1:9\/api\/v1\/payments\/payme did not answer/);
    expect((await run(target, 'invoices', '--state', 'owed')).code).toBe(1);
    expect(await run(target, 'expire-invoices')).toEqual({ code: 0, out: ['0 invoices expired.'] });
  });
});
