import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEVICE_KEY_HEADER, localReference, openReopen, type FeedbackItem, type ItemResult, type StatusesResponse, type SubmissionItem,
} from '../src/contract/index';
import { basicAuth, postBackOfficeMove, TEST_ADMIN_TOKEN } from './test-support/back-office-client';
import { FIXTURE_CONTENT_DIR, startTestServer, type TestServer } from './test-support/start-test-server';
import { newReplyKey } from './test-support/operator-fixtures';
import { newId, postJson, validItem } from './test-support/submission-fixtures';

const ADMIN_TOKEN = TEST_ADMIN_TOKEN;
const BASIC = basicAuth(ADMIN_TOKEN);

let server: TestServer;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function deviceKey(): string {
  return randomBytes(32).toString('hex');
}

async function send(items: (SubmissionItem | FeedbackItem)[], key: string): Promise<ItemResult[]> {
  const response = await postJson(server.origin, { items }, { [DEVICE_KEY_HEADER]: key });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: ItemResult[] }).results;
}

async function statuses(key: string | null, since?: string): Promise<Response> {
  const query = since === undefined ? '' : `?since=${since}`;
  return fetch(`${server.origin}/api/v1/statuses${query}`, { headers: key ? { [DEVICE_KEY_HEADER]: key } : {} });
}

async function statusPage(key: string, since?: string): Promise<StatusesResponse> {
  const response = await statuses(key, since);
  expect(response.status).toBe(200);
  return (await response.json()) as StatusesResponse;
}

async function move(application: string, to: string, message: Record<string, string> = {}): Promise<string> {
  const response = await postBackOfficeMove(server.origin, ADMIN_TOKEN, { application, to, ...message });
  expect(response.status).toBe(303);
  return decodeURIComponent(response.headers.get('location')!.split('notice=')[1]!);
}

function feedback(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    kind: 'feedback', id: newId(), serviceId: 'birth-certificate-copy', applicationId: null, rating: 4,
    comment: 'Tez va qulay', givenAt: '2026-11-30T08:00:00.000Z', ...overrides,
  };
}

describe('the application lifecycle', () => {
  it('moves only along valid transitions and refuses the rest, leaving the status unchanged', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const key = deviceKey();
    const item = validItem();
    const [result] = await send([item], key);
    const number = result!.status === 201 ? result!.receipt.number : '';
    expect(await move(item.id, 'in_progress')).toBe(`${number} moved to in_progress`);
    expect(await move(number, 'received')).toBe(`Not moved: an application that is in_progress cannot become received`);
    expect(await move(localReference(item.id).toLowerCase(), 'completed')).toBe(`${number} moved to completed`);
    for (const to of ['in_progress', 'returned', 'rejected', 'received']) {
      expect(await move(item.id, to)).toBe(`Not moved: an application that is completed cannot become ${to}`);
    }
    expect(await move(newId(), 'completed')).toBe('Not moved: no such application');
    const page = await statusPage(key);
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ id: item.id, status: 'completed', number, revision: 1 });
  });

  it('answers statuses only to the phone that sent the applications, each change once after its cursor', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const mine = deviceKey();
    const theirs = deviceKey();
    const a = validItem();
    const b = validItem();
    const other = validItem();
    await send([a, b], mine);
    await send([other], theirs);

    expect((await statuses(null)).status).toBe(401);
    expect((await statuses('not-a-key')).status).toBe(401);
    expect((await statuses(mine, 'x1')).status).toBe(400);

    const first = await statusPage(mine);
    expect(first.changes.map((c) => [c.id, c.status])).toEqual([[a.id, 'received'], [b.id, 'received']]);
    expect(first.more).toBe(false);
    expect((await statusPage(mine, first.cursor)).changes).toEqual([]);

    await move(b.id, 'in_progress', { uz: 'Koʻrib chiqilmoqda', 'uz-Cyrl': 'Кўриб чиқилмоқда', ru: 'На рассмотрении', en: 'Being reviewed' });
    await move(other.id, 'rejected');
    const second = await statusPage(mine, first.cursor);
    expect(second.changes).toHaveLength(1);
    expect(second.changes[0]).toMatchObject({
      id: b.id, status: 'in_progress', message: { uz: 'Koʻrib chiqilmoqda', 'uz-Cyrl': 'Кўриб чиқилмоқда', ru: 'На рассмотрении', en: 'Being reviewed' },
    });
    expect(second.changes[0]!.reopenSealed).toBeUndefined();
    expect((await statusPage(mine, second.cursor)).changes).toEqual([]);
    expect((await statusPage(theirs)).changes.map((c) => [c.id, c.status])).toEqual([[other.id, 'rejected']]);
  });

  it('returns an application for correction with what is stored, and takes the correction as the same application', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const key = deviceKey();
    const reply = await newReplyKey();
    const item = validItem({ replyKey: reply.publicKey });
    const [created] = await send([item], key);
    if (created?.status !== 201) throw new Error('not stored');
    const { cursor } = await statusPage(key);

    // A correction before the agency asked for one is refused.
    const early = { ...item, revision: 2, answers: { ...item.answers, fullName: 'Dilnoza Karimova-Saidova' } };
    expect((await send([early], key))[0]).toMatchObject({ status: 422, error: { code: 'not_returned' } });

    await move(item.id, 'returned', { en: 'The birth date does not match the registry.' });
    const returned = await statusPage(key, cursor);
    expect(returned.changes[0]).toMatchObject({
      status: 'returned', message: { en: 'The birth date does not match the registry.' }, reopenSealed: { formVersion: 1 },
    });
    expect(await openReopen(returned.changes[0]!.reopenSealed!.sealed, reply.privateKey, item.id)).toEqual({ answers: item.answers });

    const skipped = { ...early, revision: 3 };
    expect((await send([skipped], key))[0]).toMatchObject({ status: 422, error: { code: 'not_returned' } });
    const [revised] = await send([early], key);
    expect(revised).toMatchObject({ status: 201, receipt: { id: item.id, number: created.receipt.number } });
    // Retries of either revision are replays, never a second application.
    expect((await send([early], key))[0]).toMatchObject({ status: 200, receipt: { number: created.receipt.number } });
    expect((await send([item], key))[0]).toMatchObject({ status: 200, receipt: { number: created.receipt.number } });
    const conflicting = { ...early, answers: { ...early.answers, fullName: 'Someone Else' } };
    expect((await send([conflicting], key))[0]).toMatchObject({ status: 422, error: { code: 'id_reused' } });

    const rows = server.rows();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload).answers.fullName).toBe('Dilnoza Karimova-Saidova');
    const back = await statusPage(key, returned.cursor);
    expect(back.changes).toMatchObject([{ id: item.id, status: 'received', revision: 2, message: null }]);
    expect(back.changes[0]!.reopenSealed).toBeUndefined();
    expect(await move(item.id, 'completed')).toBe(`${created.receipt.number} moved to completed`);
  });

  it('completes an application on receipt when the service passport says processing is automated', async () => {
    const contentDir = await mkdtemp(join(tmpdir(), 'xizmat-content-'));
    dirs.push(contentDir);
    await cp(FIXTURE_CONTENT_DIR, contentDir, { recursive: true });
    const catalogueFile = join(contentDir, 'catalogue.json');
    await writeFile(catalogueFile, (await readFile(catalogueFile, 'utf8')).replace('"automated": false', '"automated": true'));
    server = await startTestServer({ contentDir });
    const key = deviceKey();
    const item = validItem();
    await send([item], key);
    const [change] = (await statusPage(key)).changes;
    expect(change).toMatchObject({ id: item.id, status: 'completed' });
    expect(change!.message?.ru).toBe('Заявление рассмотрено и исполнено автоматически.');
    // A retry changes nothing: still one row, still completed.
    expect((await send([item], key))[0]).toMatchObject({ status: 200 });
    expect(server.rows().map((r) => r.status)).toEqual(['completed']);
  });
});

describe('feedback', () => {
  it('is stored once per id, refused when the same id carries another rating, and summed per service', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const key = deviceKey();
    const item = validItem();
    const [application] = await send([item], key);
    const first = feedback({ applicationId: item.id, rating: 5 });
    const [created] = await send([first], key);
    expect(created).toMatchObject({ id: first.id, status: 201, receipt: { id: first.id, number: expect.stringMatching(/^FB-\d{4}-\d{6}$/) } });
    // The device clock's note may differ on a retry: still the same feedback.
    const [again] = await send([{ ...first, givenAt: '2026-11-30T09:00:00.000Z' }], key);
    expect(again).toMatchObject({ status: 200, receipt: created!.status === 201 ? created!.receipt : {} });
    expect((await send([{ ...first, rating: 1 }], key))[0]).toMatchObject({ status: 422, error: { code: 'id_reused' } });
    // Applications and feedback travel in one batch; each gets its own result.
    const mixed = await send([feedback({ rating: 2 }), validItem(), feedback({ rating: 5, comment: '' })], key);
    expect(mixed.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await send([feedback({ serviceId: 'no-such-service' })], key))[0]).toMatchObject({ status: 404 });
    expect(application?.status).toBe(201);

    const page = await fetch(`${server.origin}/back-office`, { headers: { authorization: BASIC } });
    const html = await page.text();
    expect(html).toContain('<td>birth-certificate-copy</td><td>3</td><td>4.00</td><td>1★ 0, 2★ 1, 3★ 0, 4★ 0, 5★ 2</td>');
  });

  it('refuses a malformed rating before anything is stored', async () => {
    server = await startTestServer();
    const response = await postJson(server.origin, { items: [{ ...feedback(), rating: 6 }] });
    expect(response.status).toBe(400);
    expect((await response.json() as { error: { message: string } }).error.message).toContain('"rating"');
    const long = await postJson(server.origin, { items: [feedback({ comment: 'x'.repeat(1_001) })] });
    expect(long.status).toBe(400);
  });
});

describe('the back office', () => {
  it('asks for the admin token and does not exist when none is configured', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const anonymous = await fetch(`${server.origin}/back-office`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${server.origin}/back-office`, { headers: { authorization: `Basic ${Buffer.from('admin:guess').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    const moved = await fetch(`${server.origin}/back-office/move`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'application=x&to=completed',
    });
    expect(moved.status).toBe(401);
    await server.close();
    server = await startTestServer();
    expect((await fetch(`${server.origin}/back-office`, { headers: { authorization: BASIC } })).status).not.toBe(200);
  });

  it('finds an application by its number or local reference and offers only the moves it allows', async () => {
    server = await startTestServer({ adminToken: ADMIN_TOKEN });
    const item = validItem();
    const [result] = await send([item], deviceKey());
    const number = result!.status === 201 ? result!.receipt.number : '';
    const find = async (q: string) => (await fetch(`${server.origin}/back-office?q=${encodeURIComponent(q)}`, { headers: { authorization: BASIC } })).text();
    const page = await fetch(`${server.origin}/back-office`, { headers: { authorization: BASIC } });
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    const html = await find(number);
    expect(html).toContain(`data-application="${item.id}"`);
    const moves = [...html.match(/name="to">(.*?)<\/select>/)![1]!.matchAll(/value="(\w+)"/g)].map((m) => m[1]);
    expect(moves).toEqual(['in_progress', 'returned', 'completed', 'rejected']);
    expect(await find(localReference(item.id))).toContain(`data-application="${item.id}"`);
    expect(await find('XZ-1999-000001')).not.toContain('data-application=');
  });
});
