import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH_PATHS, DEVICE_KEY_HEADER, sealJson, type ItemResult, type OperatorApplicationsResponse, type SealKey, type SubmissionItem,
  type SubmissionStatus, type TokenPair,
} from '../src/contract/index';
import { PostgresStorage } from './storage/postgres-storage';
import { testDatabase, type TestDatabase } from './test-support/postgres-test-database';
import { startTestServer, type TestServer } from './test-support/start-test-server';
import { postJson, validItem } from './test-support/submission-fixtures';
import { addOperator, newDeviceKey, onBehalfOf, postAuth, signIn } from './test-support/operator-fixtures';

const START = new Date('2026-11-30T10:00:00.000Z');
let clock = START;
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };

const servers: TestServer[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const database of databases.splice(0)) await database.drop();
  clock = START;
});

type Kind = 'SQLite' | 'PostgreSQL';

/** The app on a fresh store of `kind` with a clock the test moves; `url` puts a second instance on the same PostgreSQL. */
async function start(kind: Kind, url?: string): Promise<TestServer & { url?: string }> {
  let storage: PostgresStorage | undefined;
  if (kind === 'PostgreSQL') {
    if (!url) {
      const database = await testDatabase();
      databases.push(database);
      url = database.url;
    }
    storage = await PostgresStorage.open(url);
  }
  const server = await startTestServer({ storage, now: () => clock });
  servers.unshift(server);
  return Object.assign(server, { url });
}

async function send(server: TestServer, items: unknown[], deviceKey: string): Promise<ItemResult[]> {
  const response = await postJson(server.origin, { items }, { [DEVICE_KEY_HEADER]: deviceKey });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: ItemResult[] }).results;
}

const bearer = (pair: TokenPair, deviceKey?: string) => ({
  authorization: `Bearer ${pair.accessToken}`, ...(deviceKey ? { [DEVICE_KEY_HEADER]: deviceKey } : {}),
});

async function sealKeyOf(server: TestServer): Promise<SealKey> {
  return (await (await fetch(`${server.origin}${AUTH_PATHS.sealKey}`)).json()) as SealKey;
}

describe.each<Kind>(['SQLite', 'PostgreSQL'])('operators on %s', (kind) => {
  it('shows an operator only its own applications, in the list and by id', async () => {
    const server = await start(kind);
    const [x, y] = [await addOperator(server.storage, 'operator-x'), await addOperator(server.storage, 'operator-y')];
    const [phoneX, phoneY] = [newDeviceKey(), newDeviceKey()];
    const [pairX, pairY] = [await signIn(server.origin, 'operator-x', phoneX), await signIn(server.origin, 'operator-y', phoneY)];
    const forX = validItem({ onBehalf: onBehalfOf(x, 'Aziz Rahimov') });
    const forY = validItem({ onBehalf: onBehalfOf(y, 'Malika Yusupova') });
    expect((await send(server, [forX], phoneX))[0]).toMatchObject({ status: 201 });
    expect((await send(server, [forY], phoneY))[0]).toMatchObject({ status: 201 });

    const list = await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pairX) });
    expect(list.status).toBe(200);
    const { applications } = (await list.json()) as OperatorApplicationsResponse;
    expect(applications).toEqual([expect.objectContaining({ id: forX.id, serviceId: forX.serviceId, status: 'received', residentName: 'Aziz Rahimov' })]);

    const read = (id: string, pair: TokenPair) => fetch(`${server.origin}/api/v1/submissions/${id}`, { headers: bearer(pair) });
    expect(((await (await read(forX.id, pairX)).json()) as SubmissionStatus).id).toBe(forX.id);
    expect((await read(forY.id, pairX)).status).toBe(404);
    expect((await read(forX.id, pairY)).status).toBe(404);
    expect((await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`)).status).toBe(401);
  });

  it('refuses an expired access token with token_expired and a forged one with invalid_token', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const pair = await signIn(server.origin, 'operator-x', phone);
    const list = () => fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair) });
    expect((await list()).status).toBe(200);
    advance(15 * 60);
    const expired = await list();
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('token_expired');
    const [head, body] = pair.accessToken.split('.');
    const forged = await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: { authorization: `Bearer ${head}.${body}.${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });

  it('rotates the refresh token, and a rotated token used again is refused and ends every token of that sign-in', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const first = await signIn(server.origin, 'operator-x', phone);
    const refresh = (token: string) => postAuth(server.origin, AUTH_PATHS.refresh, { refreshToken: token }, phone);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as TokenPair;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.operator).toEqual(first.operator);

    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    expect((await refresh(second.refreshToken)).status).toBe(401);

    // Another sign-in is its own family, untouched; signing out revokes its token.
    const third = await signIn(server.origin, 'operator-x', phone);
    expect((await postAuth(server.origin, AUTH_PATHS.logout, { refreshToken: third.refreshToken }, phone)).status).toBe(204);
    expect((await refresh(third.refreshToken)).status).toBe(401);
  });

  it('opens sealed items, refuses a tampered one on its own, and stores its untampered neighbour', async () => {
    const server = await start(kind);
    const key = await sealKeyOf(server);
    const phone = newDeviceKey();
    const good = validItem();
    const bad = validItem();
    const badEnvelope = await sealJson(bad, key, bad.id);
    const flipped = badEnvelope.ct[10] === 'A' ? 'B' : 'A';
    const tampered = { ...badEnvelope, ct: badEnvelope.ct.slice(0, 10) + flipped + badEnvelope.ct.slice(11) };
    const results = await send(server, [{ id: bad.id, sealed: tampered }, { id: good.id, sealed: await sealJson(good, key, good.id) }], phone);
    expect(results).toEqual([
      { id: bad.id, status: 422, error: { code: 'sealed_invalid', message: expect.any(String) } },
      { id: good.id, status: 201, receipt: expect.objectContaining({ id: good.id }) },
    ]);
    expect(await server.storage.findReceipt(bad.id)).toBeNull();
    // An envelope moved to another id does not open either (the id is its additional data).
    const moved = validItem();
    expect((await send(server, [{ id: moved.id, sealed: await sealJson(good, key, good.id) }], phone))[0])
      .toMatchObject({ status: 422, error: { code: 'sealed_invalid' } });
    const unknown = validItem();
    expect((await send(server, [{ id: unknown.id, sealed: { ...(await sealJson(unknown, key, unknown.id)), keyId: 'retired-key' } }], phone))[0])
      .toMatchObject({ status: 422, error: { code: 'seal_key_unknown' } });
  });

  it('refuses a batch whose opened item has the wrong shape as a whole, naming the item by its place as sent', async () => {
    const server = await start(kind);
    const key = await sealKeyOf(server);
    const [broken, malformed] = [validItem(), validItem()];
    const { serviceId: _dropped, ...withoutService } = malformed;
    const response = await postJson(server.origin, { items: [
      { id: broken.id, sealed: { ...(await sealJson(broken, key, broken.id)), iv: 'AAAAAAAAAAAAAAAA' } },
      { id: malformed.id, sealed: await sealJson(withoutService, key, malformed.id) },
    ] }, { [DEVICE_KEY_HEADER]: newDeviceKey() });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^Item 1: "serviceId"/);
  });

  it('sends a sealed item that fails validation back with what it opened, and a readable one without', async () => {
    const server = await start(kind);
    const key = await sealKeyOf(server);
    const phone = newDeviceKey();
    const sealed = validItem({ answers: { ...validItem().answers, pinfl: '123' } });
    const readable = validItem({ answers: { ...validItem().answers, pinfl: '123' } });
    const [fromSealed, fromReadable] = await send(server, [{ id: sealed.id, sealed: await sealJson(sealed, key, sealed.id) }, readable], phone);
    expect(fromSealed).toMatchObject({ status: 422, error: { code: 'validation_failed', reopen: { formVersion: 1, answers: sealed.answers } } });
    expect(fromReadable).toMatchObject({ status: 422, error: { code: 'validation_failed' } });
    expect(fromReadable && 'error' in fromReadable ? fromReadable.error.reopen : 'none').toBeUndefined();
  });

  it('gives the same receipt to the same item sealed, sealed again, and readable', async () => {
    const server = await start(kind);
    const key = await sealKeyOf(server);
    const phone = newDeviceKey();
    const item = validItem();
    const envelope = await sealJson(item, key, item.id);
    const [created] = await send(server, [{ id: item.id, sealed: envelope }], phone);
    expect(created).toMatchObject({ status: 201 });
    const receipt = created && 'receipt' in created ? created.receipt : null;
    expect(await send(server, [{ id: item.id, sealed: envelope }], phone)).toEqual([{ id: item.id, status: 200, receipt }]);
    expect(await send(server, [{ id: item.id, sealed: await sealJson(item, key, item.id) }], phone)).toEqual([{ id: item.id, status: 200, receipt }]);
    expect(await send(server, [item], phone)).toEqual([{ id: item.id, status: 200, receipt }]);
    expect((await send(server, [{ ...item, answers: { ...item.answers, fullName: 'Other Person' } }], phone))[0])
      .toMatchObject({ status: 422, error: { code: 'id_reused' } });
  });

  it('refuses an on-behalf item from a phone the operator never signed in on, and records operator and consent otherwise', async () => {
    const server = await start(kind);
    const x = await addOperator(server.storage, 'operator-x');
    const [bound, stranger] = [newDeviceKey(), newDeviceKey()];
    await signIn(server.origin, 'operator-x', bound);
    const key = await sealKeyOf(server);
    const refused = validItem({ onBehalf: onBehalfOf(x) });
    const plain = validItem();
    expect(await send(server, [{ id: refused.id, sealed: await sealJson(refused, key, refused.id) }, plain], stranger)).toEqual([
      { id: refused.id, status: 403, error: { code: 'operator_not_bound', message: expect.any(String) } },
      expect.objectContaining({ id: plain.id, status: 201 }),
    ]);
    expect(await server.storage.findReceipt(refused.id)).toBeNull();

    const accepted = validItem({ onBehalf: onBehalfOf(x, 'Aziz Rahimov') });
    expect((await send(server, [{ id: accepted.id, sealed: await sealJson(accepted, key, accepted.id) }], bound))[0]).toMatchObject({ status: 201 });
    expect((await server.storage.findReceipt(accepted.id))?.operatorId).toBe(x);
    expect(await server.storage.operators.onBehalfRecord(accepted.id)).toEqual(onBehalfOf(x, 'Aziz Rahimov'));
    expect(await server.storage.operators.operatorApplications(x, 10)).toEqual([expect.objectContaining({ id: accepted.id, residentName: 'Aziz Rahimov' })]);
    // A disabled operator's phone no longer applies in its name.
    await server.storage.operators.disableOperator('operator-x', clock.toISOString());
    const late = validItem({ onBehalf: onBehalfOf(x) });
    expect((await send(server, [late], bound))[0]).toMatchObject({ status: 403, error: { code: 'operator_not_bound' } });
  });

  it('slows a password guesser down: 429 after five failures, a growing Retry-After, even the right password refused meanwhile', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const login = (password: string, phone = newDeviceKey()) => postAuth(server.origin, AUTH_PATHS.login, { username: 'operator-x', password }, phone);
    for (let i = 0; i < 5; i++) {
      const failed = await login(`wrong password ${i}`);
      expect(failed.status).toBe(401);
      expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    }
    const locked = await login('correct horse battery');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    const firstWait = Number(locked.headers.get('retry-after'));
    expect(firstWait).toBeGreaterThan(0);
    advance(firstWait);
    expect((await login('wrong again')).status).toBe(401);
    const lockedAgain = await login('correct horse battery');
    expect(lockedAgain.status).toBe(429);
    expect(Number(lockedAgain.headers.get('retry-after'))).toBeGreaterThan(firstWait);
    advance(Number(lockedAgain.headers.get('retry-after')));
    expect((await login('correct horse battery')).status).toBe(200);
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const unknown = await postAuth(server.origin, AUTH_PATHS.login, { username: 'nobody-here', password: 'whatever password' }, newDeviceKey());
    const wrong = await postAuth(server.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'whatever password' }, newDeviceKey());
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect((await postAuth(server.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'correct horse battery' }, null)).status).toBe(401);
  });

  it('refuses a revoked phone everywhere with 403 device_revoked', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const pair = await signIn(server.origin, 'operator-x', phone);
    const item = validItem();
    expect((await send(server, [item], phone))[0]).toMatchObject({ status: 201 });
    await server.storage.operators.revokeDevices({ operatorId: pair.operator.id }, clock.toISOString());
    const code = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    const headers = { [DEVICE_KEY_HEADER]: phone };
    expect(await code(await postJson(server.origin, { items: [validItem()] }, headers))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}/api/v1/statuses`, { headers }))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers }))).toEqual([403, 'device_revoked']);
    expect(await code(await postAuth(server.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'correct horse battery' }, phone))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair) }))).toEqual([403, 'device_revoked']);
    expect(await code(await postAuth(server.origin, AUTH_PATHS.refresh, { refreshToken: pair.refreshToken }, phone))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}/api/v1/uploads`, { method: 'POST', headers: { ...headers, 'tus-resumable': '1.0.0' } }))).toEqual([403, 'device_revoked']);
    // Another phone is untouched.
    expect((await send(server, [validItem()], newDeviceKey()))[0]).toMatchObject({ status: 201 });
  });
});

describe('operators on PostgreSQL behind a balancer', () => {
  it('gives every instance the same seal key and token secret, and the same sign-in lock-out', async () => {
    const first = await start('PostgreSQL');
    const second = await start('PostgreSQL', first.url);
    expect(await sealKeyOf(second)).toEqual(await sealKeyOf(first));
    await addOperator(first.storage, 'operator-x');
    const phone = newDeviceKey();
    const pair = await signIn(first.origin, 'operator-x', phone);
    expect((await fetch(`${second.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair) })).status).toBe(200);
    const item = validItem();
    const key = await sealKeyOf(first);
    expect((await send(second, [{ id: item.id, sealed: await sealJson(item, key, item.id) }], phone))[0]).toMatchObject({ status: 201 });
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? first : second;
      expect((await postAuth(target.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'nope nope nope' }, newDeviceKey())).status).toBe(401);
    }
    expect((await postAuth(first.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'correct horse battery' }, phone)).status).toBe(429);
    expect((await postAuth(second.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'correct horse battery' }, phone)).status).toBe(429);
  });
});

describe('the seal key and the API\'s limits', () => {
  it('serves the public seal key only, with an ETag', async () => {
    const server = await start('SQLite');
    const response = await fetch(`${server.origin}${AUTH_PATHS.sealKey}`);
    const key = (await response.json()) as SealKey;
    expect(Object.keys(key.publicKey).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await fetch(`${server.origin}${AUTH_PATHS.sealKey}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('seals to the key given in XIZMAT_SEAL_KEY and opens with it, and refuses a short XIZMAT_TOKEN_SECRET', async () => {
    const pair = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
    const server = await startTestServer({ serverKeys: { sealKeyJwk: JSON.stringify(jwk), tokenSecret: 't'.repeat(32) } });
    servers.push(server);
    const key = await sealKeyOf(server);
    expect(key.publicKey).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    const item = validItem();
    expect((await send(server, [{ id: item.id, sealed: await sealJson(item, key, item.id) }], newDeviceKey()))[0]).toMatchObject({ status: 201 });
    await expect(startTestServer({ serverKeys: { tokenSecret: 'too short' } })).rejects.toThrow(/XIZMAT_TOKEN_SECRET/);
  });

  it('limits requests per phone with 429 rate_limited and Retry-After, other phones unaffected', async () => {
    const server = await startTestServer({ rateLimit: { max: 3, windowMs: 60_000 }, now: () => clock });
    servers.push(server);
    const phone = newDeviceKey();
    const statuses = (key: string) => fetch(`${server.origin}/api/v1/statuses`, { headers: { [DEVICE_KEY_HEADER]: key } });
    for (let i = 0; i < 3; i++) expect((await statuses(phone)).status).toBe(200);
    const limited = await statuses(phone);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect((await statuses(newDeviceKey())).status).toBe(200);
    advance(60);
    expect((await statuses(phone)).status).toBe(200);
  });

  it('keeps CORS closed and sends the security headers on the API', async () => {
    const server = await start('SQLite');
    const response = await fetch(`${server.origin}${AUTH_PATHS.sealKey}`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const preflight = await fetch(`${server.origin}/api/v1/submissions`, {
      method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

