import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEVICE_KEY_HEADER, openReopen, sealJson, type CitizenPhone as CitizenPhoneRow, type CitizenSession, type ItemResult, type SealKey,
  type StatusChange, type StatusesResponse, type SubmissionItem,
} from '../src/contract/index';
import type { IdentityProvider } from './identity/identity-provider';
import { OneIdProvider } from './identity/oneid-provider';
import { STAND_IN_CITIZENS } from './identity/stand-in-citizens';
import { standInOneId } from './identity/stand-in-oneid';
import { SIGN_IN_VALID_MS } from './routes/identity-routes';
import { CookieJar, newCitizenPhone, signInAs, signedByCitizen, signedRead, type CitizenPhone } from './test-support/citizen-fixtures';
import { newDeviceKey } from './test-support/operator-fixtures';
import { storeServers, STORE_KINDS } from './test-support/store-servers';
import { FIXTURE_CONTENT_DIR } from './test-support/start-test-server';
import { postJson, validItem } from './test-support/submission-fixtures';

// Citizens signed in through the stand-in OneID over real HTTP, on both stores: the sign-in's
// checks (state, the browser, a code used twice, odd identities), the proof on applications, and
// statuses that follow the citizen across phones.

const servers = storeServers();
const dirs: string[] = [];
const others: FastifyInstance[] = [];
afterEach(async () => {
  await servers.closeAll();
  for (const app of others.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const [DILNOZA, JASUR] = STAND_IN_CITIZENS;
const nameOf = (citizen: typeof DILNOZA) => `${citizen!.firstName} ${citizen!.lastName}`;

/** A clock the test moves, for the sign-in's ten minutes. */
function movableClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => { offset += ms; } };
}

/** The fixture content with its one service needing a signed-in citizen. */
async function identityContentDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-identity-content-'));
  dirs.push(dir);
  await cp(FIXTURE_CONTENT_DIR, dir, { recursive: true });
  const file = join(dir, 'catalogue.json');
  const catalogue = JSON.parse(await readFile(file, 'utf8')) as { services: Record<string, unknown>[] };
  for (const service of catalogue.services) service.identity = 'required';
  await writeFile(file, JSON.stringify(catalogue));
  return dir;
}

async function send(origin: string, items: unknown[], deviceKey: string): Promise<ItemResult[]> {
  const response = await postJson(origin, { items }, { [DEVICE_KEY_HEADER]: deviceKey });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: ItemResult[] }).results;
}

async function statusesOf(origin: string, headers: Record<string, string>): Promise<{ status: number; changes: StatusChange[]; body: string }> {
  const response = await fetch(`${origin}/api/v1/statuses`, { headers });
  const body = await response.text();
  return { status: response.status, body, changes: response.status === 200 ? (JSON.parse(body) as StatusesResponse).changes : [] };
}

async function signedIn(origin: string, phone: CitizenPhone, who = DILNOZA): Promise<void> {
  const run = await signInAs(origin, phone, nameOf(who));
  expect(run.landed).toBe('/profile?sign-in=done');
}

/** A stand-in OneID of its own on another port, answering its identity calls as `fault` says. */
async function oddStandIn(fault: 'ret_cd' | 'no_pin' | 'bad_json'): Promise<OneIdProvider> {
  const app = Fastify();
  others.push(app);
  const clientId = 'xizmat-test';
  const clientSecret = 'test-secret-0123456789';
  await app.register(standInOneId, { prefix: '/stand-in-oneid', clientId, clientSecret, fault });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const url = `${origin}/stand-in-oneid/sso/oauth/Authorization.do`;
  return new OneIdProvider({ browserUrl: url, serverUrl: url, clientId, clientSecret, scope: clientId });
}

describe.each(STORE_KINDS)('citizens through the stand-in OneID on %s', (kind) => {
  it('signs a phone in: the stand-in says it is one, the identity comes back checked, and only the key\'s own phone reads it', async () => {
    const server = await servers.start(kind);
    const phone = await newCitizenPhone();
    const run = await signInAs(server.origin, phone, nameOf(DILNOZA));
    expect(run.start.standIn).toBe(true);
    expect(run.page).toMatch(/stand-in/i);
    expect(run.landed).toBe('/profile?sign-in=done');
    const me = await fetch(`${server.origin}/api/v1/identity/me`, { headers: await signedRead(phone, 'GET', '/api/v1/identity/me') });
    expect(me.status).toBe(200);
    const session = (await me.json()) as CitizenSession;
    expect(session).toMatchObject({
      keyId: phone.keyId, standIn: true, provider: 'stand-in-oneid',
      citizen: { pinfl: DILNOZA!.pinfl, lastName: DILNOZA!.lastName, firstName: DILNOZA!.firstName },
    });
    expect(session.citizen.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The device key alone, the header on another phone, a read signed for another path or too long ago: nothing.
    expect((await fetch(`${server.origin}/api/v1/identity/me`, { headers: { [DEVICE_KEY_HEADER]: phone.deviceKey } })).status).toBe(401);
    const elsewhere = { ...(await signedRead(phone, 'GET', '/api/v1/identity/me')), [DEVICE_KEY_HEADER]: newDeviceKey() };
    expect((await fetch(`${server.origin}/api/v1/identity/me`, { headers: elsewhere })).status).toBe(403);
    expect((await fetch(`${server.origin}/api/v1/identity/me`, { headers: await signedRead(phone, 'GET', '/api/v1/identity/phones') })).status).toBe(403);
    const stale = await signedRead(phone, 'GET', '/api/v1/identity/me', Date.now() - 6 * 60_000);
    expect((await fetch(`${server.origin}/api/v1/identity/me`, { headers: stale })).status).toBe(403);
  });

  it('checks the state: an unknown one, another browser\'s return and a return seen before are each refused, and bind nothing', async () => {
    const server = await servers.start(kind);
    const forged = await newCitizenPhone();
    const unknown = await signInAs(server.origin, forged, nameOf(DILNOZA), { before: (callback, jar) => {
      callback.searchParams.set('state', 'x'.repeat(43));
      return { callback, jar };
    } });
    expect(unknown.landed).toBe('/profile?sign-in=sign_in_unknown');
    const other = await newCitizenPhone();
    const anotherBrowser = await signInAs(server.origin, other, nameOf(DILNOZA), { before: (callback) => ({ callback, jar: new CookieJar() }) });
    expect(anotherBrowser.landed).toBe('/profile?sign-in=sign_in_unknown');
    const phone = await newCitizenPhone();
    const run = await signInAs(server.origin, phone, nameOf(DILNOZA));
    expect(run.landed).toBe('/profile?sign-in=done');
    // The very same return again (its code used twice): refused, and the key stays bound once.
    const again = await fetch(run.callback, { headers: run.jar.header(), redirect: 'manual' });
    expect(again.headers.get('location')).toBe('/profile?sign-in=identity_code_refused');
    for (const refused of [forged, other]) {
      expect((await fetch(`${server.origin}/api/v1/identity/me`, { headers: await signedRead(refused, 'GET', '/api/v1/identity/me') })).status).toBe(403);
    }
  });

  it('refuses a sign-in that comes back after its ten minutes', async () => {
    const clock = movableClock();
    const server = await servers.start(kind, { now: clock.now });
    const phone = await newCitizenPhone();
    const run = await signInAs(server.origin, phone, nameOf(DILNOZA), { before: (callback, jar) => {
      clock.advance(SIGN_IN_VALID_MS + 1_000);
      return { callback, jar };
    } });
    expect(run.landed).toBe('/profile?sign-in=sign_in_expired');
  });

  for (const [fault, result] of [['ret_cd', 'identity_refused'], ['no_pin', 'identity_malformed'], ['bad_json', 'identity_provider_unreachable']] as const) {
    it(`answers an identity call with ${fault} by ${result}, binding nothing`, async () => {
      const server = await servers.start(kind, { identity: { provider: await oddStandIn(fault) } });
      const phone = await newCitizenPhone();
      const run = await signInAs(server.origin, phone, nameOf(DILNOZA));
      expect(run.landed).toBe(`/profile?sign-in=${result}`);
      expect((await fetch(`${server.origin}/api/v1/identity/me`, { headers: await signedRead(phone, 'GET', '/api/v1/identity/me') })).status).toBe(403);
    });
  }

  it('answers a sign-in start 503 when the provider cannot be reached, and sets no cookie', async () => {
    const down: IdentityProvider = {
      name: 'oidc', standIn: false,
      begin: () => Promise.reject(new Error('the issuer\'s discovery document did not come')),
      finish: () => Promise.reject(new Error('not reached')),
    };
    const server = await servers.start(kind, { identity: { provider: down } });
    const phone = await newCitizenPhone();
    const response = await fetch(`${server.origin}/api/v1/identity/sign-ins`, {
      method: 'POST', headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: phone.deviceKey },
      body: JSON.stringify({ citizenKey: phone.publicKey, replyKey: phone.reply.publicKey }),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'identity_provider_unreachable' } });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('files a signed application under the citizen; unsigned or forged where identity is required is refused, nothing stored', async () => {
    const server = await servers.start(kind, { contentDir: await identityContentDir() });
    const phone = await newCitizenPhone();
    await signedIn(server.origin, phone);
    const unsigned = validItem();
    const thief = await newCitizenPhone(phone.deviceKey);
    // A key nobody bound, claiming the bound key's id: the signature does not verify.
    const forged = { ...(await signedByCitizen(validItem(), thief)), citizen: { keyId: phone.keyId, signature: (await signedByCitizen(validItem(), thief)).citizen!.signature } };
    const signed = await signedByCitizen(validItem(), phone);
    const results = await send(server.origin, [unsigned, forged, signed], phone.deviceKey);
    expect(results[0]).toMatchObject({ status: 403, error: { code: 'identity_required' } });
    expect(results[1]).toMatchObject({ status: 403, error: { code: 'identity_invalid' } });
    expect(results[2]).toMatchObject({ status: 201 });
    expect(await server.storage.findReceipt(unsigned.id)).toBeNull();
    expect(await server.storage.findReceipt(forged.id)).toBeNull();
    expect(await server.storage.findReceipt(signed.id)).toMatchObject({ citizenId: expect.any(String) });
    // Sealed, the proof travels beside the envelope and covers it.
    const sealKey = (await (await fetch(`${server.origin}/api/v1/seal-key`)).json()) as SealKey;
    const inner = validItem();
    const sealed = await signedByCitizen({ id: inner.id, sealed: await sealJson(inner, sealKey, inner.id) }, phone);
    expect((await send(server.origin, [sealed], newDeviceKey()))[0]).toMatchObject({ status: 201 });
  });

  it('follows the citizen to a second phone; the device key alone reads none of it; a returned one reopens sealed to the phone that asks', async () => {
    const server = await servers.start(kind);
    const first = await newCitizenPhone();
    const second = await newCitizenPhone();
    await signedIn(server.origin, first);
    await signedIn(server.origin, second);
    const item: SubmissionItem = validItem({ replyKey: first.reply.publicKey });
    expect((await send(server.origin, [await signedByCitizen(item, first)], first.deviceKey))[0]).toMatchObject({ status: 201 });
    // Someone else's phone, and the second phone's device key without its signature: nothing of the citizen's.
    const stranger = await newCitizenPhone();
    await signedIn(server.origin, stranger, JASUR);
    expect((await statusesOf(server.origin, await signedRead(stranger, 'GET', '/api/v1/statuses'))).changes).toEqual([]);
    expect((await statusesOf(server.origin, { [DEVICE_KEY_HEADER]: second.deviceKey })).changes).toEqual([]);
    const onSecond = await statusesOf(server.origin, await signedRead(second, 'GET', '/api/v1/statuses'));
    expect(onSecond.changes.map((c) => [c.id, c.status])).toEqual([[item.id, 'received']]);

    await server.storage.moveStatus({ application: item.id, to: 'returned', message: { en: 'Check the birth date.' }, actor: 'test' });
    const returned = (await statusesOf(server.origin, await signedRead(second, 'GET', '/api/v1/statuses'))).changes.find((c) => c.id === item.id)!;
    expect(returned.status).toBe('returned');
    // Sealed to the second phone's reply key, not the first's.
    expect(await openReopen(returned.reopenSealed!.sealed, second.reply.privateKey, item.id)).toEqual({ answers: item.answers });
    expect(await openReopen(returned.reopenSealed!.sealed, first.reply.privateKey, item.id)).toBeNull();
    // The second phone sends the correction as the same citizen: taken as revision 2.
    const corrected = await signedByCitizen({ ...item, revision: 2, replyKey: second.reply.publicKey, answers: { ...item.answers, birthDate: '1988-03-16' } }, second);
    expect((await send(server.origin, [corrected], second.deviceKey))[0]).toMatchObject({ status: 201 });
    expect(await server.storage.findReceipt(item.id)).toMatchObject({ revision: 2, status: 'received' });
  });

  it('ends a sign-out and a phone removed from another: their reads and what they signed are refused, the rest goes on', async () => {
    const server = await servers.start(kind);
    const first = await newCitizenPhone();
    const second = await newCitizenPhone();
    await signedIn(server.origin, first);
    await signedIn(server.origin, second);
    const phones = await fetch(`${server.origin}/api/v1/identity/phones`, { headers: await signedRead(first, 'GET', '/api/v1/identity/phones') });
    const listed = ((await phones.json()) as { phones: CitizenPhoneRow[] }).phones;
    expect(listed.map((p) => [p.keyId, p.thisPhone])).toEqual([[first.keyId, true], [second.keyId, false]]);
    // Signed while signed in, sent after signing out: refused, for the phone to sign again after signing in.
    const queued = await signedByCitizen(validItem(), first);
    expect((await fetch(`${server.origin}/api/v1/identity/sign-out`, { method: 'POST', headers: await signedRead(first, 'POST', '/api/v1/identity/sign-out') })).status).toBe(204);
    expect((await send(server.origin, [queued], first.deviceKey))[0]).toMatchObject({ status: 403, error: { code: 'identity_revoked' } });
    expect((await statusesOf(server.origin, await signedRead(first, 'GET', '/api/v1/statuses'))).body).toContain('identity_revoked');
    // The second phone removes a third, lost one; another citizen's key is not its to remove.
    const lost = await newCitizenPhone();
    await signedIn(server.origin, lost);
    const someoneElse = await newCitizenPhone();
    await signedIn(server.origin, someoneElse, JASUR);
    const revoke = async (keyId: string) => fetch(`${server.origin}/api/v1/identity/phones/${keyId}/revoke`, {
      method: 'POST', headers: await signedRead(second, 'POST', `/api/v1/identity/phones/${keyId}/revoke`),
    });
    expect((await revoke(someoneElse.keyId)).status).toBe(404);
    expect((await revoke(lost.keyId)).status).toBe(204);
    expect((await statusesOf(server.origin, await signedRead(lost, 'GET', '/api/v1/statuses'))).status).toBe(403);
    expect((await statusesOf(server.origin, await signedRead(someoneElse, 'GET', '/api/v1/statuses'))).status).toBe(200);
    expect((await send(server.origin, [await signedByCitizen(validItem(), second)], second.deviceKey))[0]).toMatchObject({ status: 201 });
  });
});
