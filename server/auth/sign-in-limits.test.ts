import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_PATHS, DEVICE_KEY_HEADER } from '../../src/contract/index';
import { addOperator, newDeviceKey, OPERATOR_PASSWORD } from '../test-support/operator-fixtures';
import { startTestServer, type TestServer } from '../test-support/start-test-server';

const START = new Date('2026-11-30T10:00:00.000Z');
let clock = START;
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
let server: TestServer;
afterEach(async () => {
  await server?.close();
  clock = START;
});

/** A sign-in from `address`, as the trusted proxy in front of the server reports it. */
function signInFrom(address: string, username: string, password: string, deviceKey = newDeviceKey()): Promise<Response> {
  return fetch(`${server.origin}${AUTH_PATHS.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, [DEVICE_KEY_HEADER]: deviceKey },
    body: JSON.stringify({ username, password }),
  });
}

async function startBehindProxy(): Promise<void> {
  server = await startTestServer({ now: () => clock, trustProxy: 1 });
  await addOperator(server.storage, 'operator-x');
}

describe('sign-in lock-outs count the username with the address, never the username alone', () => {
  it('only slows an operator whose username a crowd of addresses guesses at, and lets them in after a few seconds', async () => {
    await startBehindProxy();
    for (let i = 1; i <= 30; i++) {
      expect((await signInFrom(`198.51.100.${i}`, 'operator-x', 'wrong guess')).status).toBe(401);
      // Past ten failures the crowd gets one guess at this username per ten seconds.
      if (i >= 10) expect((await signInFrom('192.0.2.1', 'operator-x', 'wrong guess')).status).toBe(429);
      advance(10);
    }
    advance(-10);
    const slowed = await signInFrom('203.0.113.5', 'operator-x', OPERATOR_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    advance(10);
    expect((await signInFrom('203.0.113.5', 'operator-x', OPERATOR_PASSWORD)).status).toBe(200);
  });

  it('locks a username out from the address that failed five times, not from another address', async () => {
    await startBehindProxy();
    for (let i = 0; i < 5; i++) expect((await signInFrom('198.51.100.7', 'operator-x', 'wrong guess')).status).toBe(401);
    expect((await signInFrom('198.51.100.7', 'operator-x', OPERATOR_PASSWORD)).status).toBe(429);
    expect((await signInFrom('203.0.113.5', 'operator-x', OPERATOR_PASSWORD)).status).toBe(200);
  });

  it('locks out an address that fails twenty times, whichever usernames it tries', async () => {
    await startBehindProxy();
    for (let i = 0; i < 20; i++) expect((await signInFrom('198.51.100.7', `someone-${i}`, 'wrong guess')).status).toBe(401);
    expect((await signInFrom('198.51.100.7', 'operator-x', OPERATOR_PASSWORD)).status).toBe(429);
    expect((await signInFrom('203.0.113.5', 'operator-x', OPERATOR_PASSWORD)).status).toBe(200);
  });

  it('locks out a phone that fails five times, from whichever addresses', async () => {
    await startBehindProxy();
    const phone = newDeviceKey();
    for (let i = 1; i <= 5; i++) expect((await signInFrom(`198.51.100.${i}`, `someone-${i}`, 'wrong guess', phone)).status).toBe(401);
    expect((await signInFrom('203.0.113.5', 'operator-x', OPERATOR_PASSWORD, phone)).status).toBe(429);
  });
});

describe('password checks at once', () => {
  it('answers sign-ins past the allowed checks and queue 503 server_busy with Retry-After at once, and frees every slot after', async () => {
    server = await startTestServer({ passwordChecks: { concurrent: 1, queued: 0 } });
    await addOperator(server.storage, 'operator-x');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => fetch(`${server.origin}${AUTH_PATHS.login}`, {
      method: 'POST', headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: newDeviceKey() },
      body: JSON.stringify({ username: `nobody-${i}`, password: 'wrong guess' }),
    })));
    expect(answers.every((a) => a.status === 401 || a.status === 503)).toBe(true);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers.get('retry-after')).toBe('2');
    expect(await busy[0]!.json()).toEqual({ error: { code: 'server_busy', message: expect.any(String) } });
    const signedIn = await fetch(`${server.origin}${AUTH_PATHS.login}`, {
      method: 'POST', headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: newDeviceKey() },
      body: JSON.stringify({ username: 'operator-x', password: OPERATOR_PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
  });
});
