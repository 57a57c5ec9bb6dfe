import { afterEach, describe, expect, it } from 'vitest';
import { backOfficeCsrfToken, basicAuth, TEST_ADMIN_TOKEN } from '../test-support/back-office-client';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { submit, validItem } from '../test-support/submission-fixtures';

const START = new Date('2026-11-30T10:00:00.000Z');
let clock = START;
let server: TestServer;
afterEach(async () => {
  await server?.close();
  clock = START;
});

const FORM = 'application/x-www-form-urlencoded';

/** A stored application and a server with the back office on. */
async function withApplication(): Promise<string> {
  server = await startTestServer({ adminToken: TEST_ADMIN_TOKEN, now: () => clock });
  const item = validItem();
  await submit(server.origin, [item]);
  return item.id;
}

function move(body: string, headers: Record<string, string> = {}, contentType = FORM): Promise<Response> {
  return fetch(`${server.origin}/back-office/move`, {
    method: 'POST', redirect: 'manual', body,
    headers: { authorization: basicAuth(TEST_ADMIN_TOKEN), 'content-type': contentType, ...headers },
  });
}

const statusOf = () => server.rows()[0]!.status;

describe('the back office against forged requests', () => {
  it('takes a move sent from its own page, with the page\'s token and origin', async () => {
    const application = await withApplication();
    const page = await fetch(`${server.origin}/back-office`, { headers: { authorization: basicAuth(TEST_ADMIN_TOKEN) } });
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const moved = await move(new URLSearchParams({ csrf, application, to: 'completed' }).toString(), { origin: server.origin, 'sec-fetch-site': 'same-origin' });
    expect(moved.status).toBe(303);
    expect(statusOf()).toBe('completed');
  });

  it('refuses a move without the page\'s token, with a forged one, or with one over twelve hours old', async () => {
    const application = await withApplication();
    const csrf = await backOfficeCsrfToken(server.origin, TEST_ADMIN_TOKEN);
    const [issued, mac] = csrf.split('.');
    const forged = `${(Number.parseInt(issued!, 36) + 1).toString(36)}.${mac}`;
    expect((await move(new URLSearchParams({ application, to: 'completed' }).toString())).status).toBe(403);
    expect((await move(new URLSearchParams({ csrf: forged, application, to: 'completed' }).toString())).status).toBe(403);
    clock = new Date(START.getTime() + 12 * 3_600_000 + 1);
    expect((await move(new URLSearchParams({ csrf, application, to: 'completed' }).toString())).status).toBe(403);
    expect(statusOf()).toBe('received');
  });

  it('refuses a move that a browser says came from another site or an opaque origin, token or not', async () => {
    const application = await withApplication();
    const body = new URLSearchParams({ csrf: await backOfficeCsrfToken(server.origin, TEST_ADMIN_TOKEN), application, to: 'completed' }).toString();
    expect((await move(body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await move(body, { origin: 'null' })).status).toBe(403);
    expect((await move(body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await move(body, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(statusOf()).toBe('received');
  });

  it('answers fields that are not single strings 400, never 500', async () => {
    const application = await withApplication();
    const csrf = await backOfficeCsrfToken(server.origin, TEST_ADMIN_TOKEN);
    for (const body of [{ csrf, application: 1, to: 'completed' }, { csrf, application, to: ['completed'] }, { csrf, application, to: 'completed', uz: { text: 'x' } }]) {
      expect((await move(JSON.stringify(body), {}, 'application/json')).status).toBe(400);
    }
    expect((await move(new URLSearchParams({ csrf, application }).toString())).status).toBe(400);
    expect(statusOf()).toBe('received');
  });

  it('answers a query parameter given twice 400 bad_request, as the API does, and the same parameters once with the page', async () => {
    await withApplication();
    const list = (query: string) => fetch(`${server.origin}/back-office?${query}`, { headers: { authorization: basicAuth(TEST_ADMIN_TOKEN) } });
    for (const query of ['q=a&q=b', 'status=received&status=returned', 'notice=1&notice=2']) {
      const repeated = await list(query);
      expect(repeated.status, query).toBe(400);
      expect(((await repeated.json()) as { error: { code: string } }).error.code, query).toBe('bad_request');
    }
    expect((await list('q=a&status=received&notice=1')).status).toBe(200);
  });
});

describe('the back office\'s password', () => {
  it('locks the source address out after five wrong passwords, the right one included, for all instances alike', async () => {
    await withApplication();
    const wrong = basicAuth('x'.repeat(TEST_ADMIN_TOKEN.length));
    const page = (authorization: string) => fetch(`${server.origin}/back-office`, { headers: { authorization } });
    // Asking without credentials is the browser's first step, not a guess.
    for (let i = 0; i < 10; i++) expect((await fetch(`${server.origin}/back-office`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await page(wrong)).status).toBe(401);
    const locked = await page(basicAuth(TEST_ADMIN_TOKEN));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await server.storage.operators.loginFailures('back-office:127.0.0.1', START.toISOString())).toMatchObject({ count: 5 });
    clock = new Date(START.getTime() + 2 * 3_600_000);
    expect((await page(basicAuth(TEST_ADMIN_TOKEN))).status).toBe(200);
  });

  it('refuses to start with an admin token shorter than 32 characters', async () => {
    await expect(startTestServer({ adminToken: 'e2e-back-office-token' })).rejects.toThrow(/XIZMAT_ADMIN_TOKEN must be at least 32 characters/);
  });
});
