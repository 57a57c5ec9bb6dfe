import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_PATHS, DEVICE_KEY_HEADER } from '../../src/contract/index';
import { addOperator, newDeviceKey, OPERATOR_PASSWORD, postAuth, signIn } from '../test-support/operator-fixtures';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { postJson, validItem } from '../test-support/submission-fixtures';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/**
 * The limits count in fixed windows of the clock (rate-limit.ts): on the real clock a test's requests
 * could fall on both sides of a minute's end, and the count start again between them (seen once in
 * CI). Every server here reads this instant, half a minute into a window, instead.
 */
const FIXED_NOW = () => new Date('2026-06-01T12:00:30.000Z');

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ now: FIXED_NOW, ...options });
  servers.push(server);
  return server;
}

const errorCode = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

/** Spellings the router matches to the same route; only the first is what a phone sends. */
const spellings = (path: string) => [path, path.replace('/api/', '/%61pi/'), path.replace('/v1/', '/%76%31/')];

describe('the API guard judges the route that matched, not the URL as written', () => {
  it('refuses a revoked phone on every spelling of a path', async () => {
    const server = await start();
    await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const pair = await signIn(server.origin, 'operator-x', phone);
    await server.storage.operators.revokeDevices({ operatorId: pair.operator.id }, new Date().toISOString());
    const headers = { [DEVICE_KEY_HEADER]: phone };
    for (const path of spellings('/api/v1/statuses')) {
      expect(await errorCode(await fetch(`${server.origin}${path}`, { headers }))).toEqual([403, 'device_revoked']);
    }
    for (const path of spellings(AUTH_PATHS.login)) {
      const login = await fetch(`${server.origin}${path}`, {
        method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator-x', password: OPERATOR_PASSWORD }),
      });
      expect(await errorCode(login)).toEqual([403, 'device_revoked']);
    }
    const submitted = await fetch(`${server.origin}/%61pi/v1/submissions`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ items: [validItem()] }),
    });
    expect(await errorCode(submitted)).toEqual([403, 'device_revoked']);
    expect(server.rows()).toHaveLength(0);
  });

  it('counts every spelling of a path against the same phone\'s limit', async () => {
    const server = await start({ rateLimit: { max: 3, windowMs: 60_000 } });
    const headers = { [DEVICE_KEY_HEADER]: newDeviceKey() };
    for (const path of spellings('/api/v1/statuses')) expect((await fetch(`${server.origin}${path}`, { headers })).status).toBe(200);
    expect(await errorCode(await fetch(`${server.origin}/%61pi/v1/statuses`, { headers }))).toEqual([429, 'rate_limited']);
  });

  it('marks personal answers no-store on every spelling', async () => {
    const server = await start();
    for (const path of spellings('/api/v1/statuses')) {
      const answer = await fetch(`${server.origin}${path}`, { headers: { [DEVICE_KEY_HEADER]: newDeviceKey() } });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    for (const path of spellings('/api/v1/no-such-route')) {
      expect((await fetch(`${server.origin}${path}`)).headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('request limits keyed on what the client cannot choose', () => {
  const tight = (max: number) => ({ perSource: { max, windowMs: 60_000 }, overall: { max: 1_000, windowMs: 60_000 } });

  it('limits requests per source address even when each carries no key or a fresh one', async () => {
    const server = await start({ sourceLimits: { submissions: tight(2), api: tight(3) } });
    for (let i = 0; i < 2; i++) {
      expect((await postJson(server.origin, { items: [validItem()] }, { [DEVICE_KEY_HEADER]: newDeviceKey() })).status).toBe(200);
    }
    const limited = await postJson(server.origin, { items: [validItem()] }, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    expect(await errorCode(limited)).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(server.rows()).toHaveLength(2);
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.origin}${AUTH_PATHS.sealKey}`)).status).toBe(200);
    expect((await fetch(`${server.origin}${AUTH_PATHS.sealKey}`)).status).toBe(429);
  });

  it('limits sign-in, uploads and catalogue deltas per source, each in its own group', async () => {
    const server = await start({ sourceLimits: { signIn: tight(1), uploads: tight(1), catalogue: tight(1) } });
    const login = () => postAuth(server.origin, AUTH_PATHS.login, { username: 'nobody', password: 'guess' }, newDeviceKey());
    expect((await login()).status).toBe(401);
    expect((await login()).status).toBe(429);
    const upload = () => fetch(`${server.origin}/api/v1/uploads/${'a'.repeat(64)}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', [DEVICE_KEY_HEADER]: newDeviceKey() } });
    expect((await upload()).status).toBe(404);
    expect((await upload()).status).toBe(429);
    expect((await fetch(`${server.origin}/api/v1/catalogue/changes?since=1`)).status).toBe(200);
    expect((await fetch(`${server.origin}/api/v1/catalogue/changes?since=1`)).status).toBe(429);
  });

  it('counts the address the trusted proxy vouches for, and ignores the header when no proxy is trusted', async () => {
    const behindProxy = await start({ trustProxy: 1, sourceLimits: { api: tight(1) } });
    const from = (server: TestServer, address: string) => fetch(`${server.origin}${AUTH_PATHS.sealKey}`, { headers: { 'x-forwarded-for': address } });
    expect((await from(behindProxy, '198.51.100.1')).status).toBe(200);
    expect((await from(behindProxy, '198.51.100.2')).status).toBe(200);
    expect((await from(behindProxy, '198.51.100.1')).status).toBe(429);
    const direct = await start({ sourceLimits: { api: tight(1) } });
    expect((await from(direct, '198.51.100.1')).status).toBe(200);
    expect((await from(direct, '198.51.100.2')).status).toBe(429);
  });

  it('limits all sources together', async () => {
    const server = await start({ trustProxy: 1, sourceLimits: { api: { perSource: { max: 100, windowMs: 60_000 }, overall: { max: 2, windowMs: 60_000 } } } });
    const from = (address: string) => fetch(`${server.origin}${AUTH_PATHS.sealKey}`, { headers: { 'x-forwarded-for': address } });
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.2')).status).toBe(200);
    expect((await from('198.51.100.3')).status).toBe(429);
  });

  it('counts feedback per item, answering the items over the limit 429 on their own', async () => {
    const server = await start({ sourceLimits: { feedback: tight(2) } });
    const rating = () => ({
      kind: 'feedback', id: validItem().id, serviceId: 'birth-certificate-copy', applicationId: null, rating: 1, comment: '', givenAt: '2026-11-30T08:00:00.000Z',
    });
    const response = await postJson(server.origin, { items: [rating(), validItem(), rating(), rating()] }, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    const { results } = (await response.json()) as { results: { status: number; error?: { code: string } }[] };
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    expect(results[3]!.error!.code).toBe('rate_limited');
    expect((await server.storage.feedbackSummaries())[0]!.count).toBe(2);
  });
});

describe('an unknown API path, however spelled', () => {
  it('is a JSON 404, never the app shell', async () => {
    const server = await start();
    for (const path of spellings('/api/v1/no-such-route')) {
      const answer = await fetch(`${server.origin}${path}`, { headers: { accept: 'text/html' } });
      expect([answer.status, answer.headers.get('content-type')]).toEqual([404, 'application/json; charset=utf-8']);
    }
  });
});
