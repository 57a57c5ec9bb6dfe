import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH_PATHS, DEVICE_KEY_HEADER, openReopen, sealJson, type ItemResult, type OperatorApplicationsResponse, type SealKey, type SubmissionItem,
  type SubmissionStatus, type TokenPair,
} from '../src/contract/index';
import { startTestServer, type TestServer } from './test-support/start-test-server';
import { STORE_KINDS, storeServers, type StoreKind } from './test-support/store-servers';
import { postJson, validItem } from './test-support/submission-fixtures';
import {
  addOperator, newDelegationKey, newDeviceKey, newReplyKey, onBehalfOf, postAuth, signIn, signInDelegating, vouched, vouchedSealed,
} from './test-support/operator-fixtures';

const START = new Date('2026-11-30T10:00:00.000Z');
let clock = START;
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };

const stores = storeServers();
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await stores.closeAll();
  clock = START;
});

/** The app on a fresh store of `kind` with a clock the test moves; `url` puts a second instance on the same PostgreSQL. */
const start = (kind: StoreKind, url?: string) => stores.start(kind, { now: () => clock, url });

async function send(server: TestServer, items: unknown[], deviceKey: string): Promise<ItemResult[]> {
  const response = await postJson(server.origin, { items }, { [DEVICE_KEY_HEADER]: deviceKey });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: ItemResult[] }).results;
}

const bearer = (pair: TokenPair, deviceKey?: string) => ({
  authorization: `Bearer ${pair.accessToken}`, ...(deviceKey ? { [DEVICE_KEY_HEADER]: deviceKey } : {}),
});

const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

async function sealKeyOf(server: TestServer): Promise<SealKey> {
  return (await (await fetch(`${server.origin}${AUTH_PATHS.sealKey}`)).json()) as SealKey;
}

describe.each<StoreKind>(STORE_KINDS)('operators on %s', (kind) => {
  it('shows an operator only its own applications, in the list and by id', async () => {
    const server = await start(kind);
    const [x, y] = [await addOperator(server.storage, 'operator-x'), await addOperator(server.storage, 'operator-y')];
    const [phoneX, phoneY] = [newDeviceKey(), newDeviceKey()];
    const [signedX, signedY] = [await signInDelegating(server.origin, 'operator-x', phoneX), await signInDelegating(server.origin, 'operator-y', phoneY)];
    const [pairX, pairY] = [signedX.pair, signedY.pair];
    const forX = await vouched(validItem({ onBehalf: onBehalfOf(x, 'Aziz Rahimov') }), signedX.delegation);
    const forY = await vouched(validItem({ onBehalf: onBehalfOf(y, 'Malika Yusupova') }), signedY.delegation);
    expect((await send(server, [forX], phoneX))[0]).toMatchObject({ status: 201 });
    expect((await send(server, [forY], phoneY))[0]).toMatchObject({ status: 201 });

    const list = await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pairX, phoneX) });
    expect(list.status).toBe(200);
    const { applications } = (await list.json()) as OperatorApplicationsResponse;
    expect(applications).toEqual([expect.objectContaining({ id: forX.id, serviceId: forX.serviceId, status: 'received', residentName: 'Aziz Rahimov' })]);

    const read = (id: string, pair: TokenPair, phone: string) => fetch(`${server.origin}/api/v1/submissions/${id}`, { headers: bearer(pair, phone) });
    expect(((await (await read(forX.id, pairX, phoneX)).json()) as SubmissionStatus).id).toBe(forX.id);
    expect((await read(forY.id, pairX, phoneX)).status).toBe(404);
    expect((await read(forX.id, pairY, phoneY)).status).toBe(404);
    expect((await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`)).status).toBe(401);
  });

  it('answers a junk bearer token with 401 whether the id is an operator\'s application, another application or none', async () => {
    const server = await start(kind);
    const x = await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const { delegation } = await signInDelegating(server.origin, 'operator-x', phone);
    const onBehalf = await vouched(validItem({ onBehalf: onBehalfOf(x) }), delegation);
    const own = validItem();
    await send(server, [onBehalf, own], phone);
    const junk = { authorization: 'Bearer not.a.token', [DEVICE_KEY_HEADER]: newDeviceKey() };
    for (const id of [onBehalf.id, own.id, validItem().id]) {
      expect(await codeOf(await fetch(`${server.origin}/api/v1/submissions/${id}`, { headers: junk })), id).toEqual([401, 'invalid_token']);
    }
  });

  it('takes an access token only with the device key of the phone it was issued to', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const pair = await signIn(server.origin, 'operator-x', phone);
    const list = (headers: Record<string, string>) => fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers });
    expect((await list(bearer(pair, phone))).status).toBe(200);
    expect(await codeOf(await list(bearer(pair)))).toEqual([401, 'invalid_token']);
    expect(await codeOf(await list(bearer(pair, newDeviceKey())))).toEqual([401, 'invalid_token']);
  });

  it('ends every access token of a sign-in at once when it signs out, and only that sign-in\'s', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const [phone, other] = [newDeviceKey(), newDeviceKey()];
    const pair = await signIn(server.origin, 'operator-x', phone);
    const rotated = (await (await postAuth(server.origin, AUTH_PATHS.refresh, { refreshToken: pair.refreshToken }, phone)).json()) as TokenPair;
    const elsewhere = await signIn(server.origin, 'operator-x', other);
    const list = (tokens: TokenPair, key: string) => fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(tokens, key) });
    expect((await list(pair, phone)).status).toBe(200);
    expect((await postAuth(server.origin, AUTH_PATHS.logout, { refreshToken: rotated.refreshToken }, phone)).status).toBe(204);
    // Well within the fifteen minutes the tokens would otherwise live.
    expect(await codeOf(await list(pair, phone))).toEqual([401, 'invalid_token']);
    expect(await codeOf(await list(rotated, phone))).toEqual([401, 'invalid_token']);
    expect((await list(elsewhere, other)).status).toBe(200);
  });

  it('refuses an expired access token with token_expired and a forged one with invalid_token', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const pair = await signIn(server.origin, 'operator-x', phone);
    const list = () => fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair, phone) });
    expect((await list()).status).toBe(200);
    advance(15 * 60);
    const expired = await list();
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('token_expired');
    const [head, body] = pair.accessToken.split('.');
    const forged = await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: { authorization: `Bearer ${head}.${body}.${'A'.repeat(43)}`, [DEVICE_KEY_HEADER]: phone } });
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

  it('sends a sealed item that fails validation back with its answers sealed to the reply key inside it, and a readable one without', async () => {
    const server = await start(kind);
    const key = await sealKeyOf(server);
    const phone = newDeviceKey();
    const reply = await newReplyKey();
    const sealed = validItem({ answers: { ...validItem().answers, pinfl: '123' }, replyKey: reply.publicKey });
    const readable = validItem({ answers: { ...validItem().answers, pinfl: '123' }, replyKey: reply.publicKey });
    const envelope = { id: sealed.id, sealed: await sealJson(sealed, key, sealed.id) };
    const response = await postJson(server.origin, { items: [envelope, readable] }, { [DEVICE_KEY_HEADER]: phone });
    const text = await response.text();
    // Nothing readable: whoever holds the envelope (or the device key) learns no answer from the refusal.
    expect(text).not.toContain(sealed.answers.fullName);
    const [fromSealed, fromReadable] = (JSON.parse(text) as { results: ItemResult[] }).results;
    expect(fromSealed).toMatchObject({ status: 422, error: { code: 'validation_failed', reopenSealed: { formVersion: 1 } } });
    const reopen = fromSealed && 'error' in fromSealed ? fromSealed.error.reopenSealed! : null;
    expect(await openReopen(reopen!.sealed, reply.privateKey, sealed.id)).toEqual({ answers: sealed.answers });
    // Only the phone that made it opens it: another key, or the answers moved under another id, do not.
    expect(await openReopen(reopen!.sealed, (await newReplyKey()).privateKey, sealed.id)).toBeNull();
    expect(await openReopen(reopen!.sealed, reply.privateKey, readable.id)).toBeNull();
    expect(fromReadable).toMatchObject({ status: 422, error: { code: 'validation_failed' } });
    expect(fromReadable && 'error' in fromReadable ? fromReadable.error.reopenSealed : 'none').toBeUndefined();

    // An item made by an older app, with no reply key: no answers go back at all.
    const keyless = validItem({ answers: { ...validItem().answers, pinfl: '123' } });
    const [fromKeyless] = await send(server, [{ id: keyless.id, sealed: await sealJson(keyless, key, keyless.id) }], phone);
    expect(fromKeyless).toMatchObject({ status: 422, error: { code: 'validation_failed' } });
    expect(fromKeyless && 'error' in fromKeyless ? fromKeyless.error.reopenSealed : 'none').toBeUndefined();
    expect(JSON.stringify(fromKeyless)).not.toContain(keyless.answers.fullName as string);
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

  it('takes an on-behalf item only with its operator\'s proof, from whichever phone brings it, and records operator and consent', async () => {
    const server = await start(kind);
    const [x, y] = [await addOperator(server.storage, 'operator-x'), await addOperator(server.storage, 'operator-y')];
    const [phoneX, phoneY, carrier] = [newDeviceKey(), newDeviceKey(), newDeviceKey()];
    const { delegation } = await signInDelegating(server.origin, 'operator-x', phoneX);
    const other = (await signInDelegating(server.origin, 'operator-y', phoneY)).delegation;
    const key = await sealKeyOf(server);

    // Sealed, its proof beside the envelope, brought by a phone that never signed in (a hand-over).
    const accepted = validItem({ onBehalf: onBehalfOf(x, 'Aziz Rahimov') });
    expect((await send(server, [await vouchedSealed(accepted, key, delegation)], carrier))[0]).toMatchObject({ status: 201 });
    expect((await server.storage.findReceipt(accepted.id))?.operatorId).toBe(x);
    expect(await server.storage.operators.onBehalfRecord(accepted.id)).toEqual(onBehalfOf(x, 'Aziz Rahimov'));
    expect(await server.storage.operators.operatorApplications(x, 10)).toEqual([expect.objectContaining({ id: accepted.id, residentName: 'Aziz Rahimov' })]);

    const refusedAs = async (item: unknown, phone: string) => {
      const [result] = await send(server, [item], phone);
      return result && 'error' in result ? [result.status, result.error.code] : [result?.status];
    };
    const forX = () => validItem({ onBehalf: onBehalfOf(x) });
    // No proof, even from the operator's own phone: a device key alone vouches for nothing.
    const bare = forX();
    expect(await refusedAs(bare, phoneX)).toEqual([403, 'delegation_invalid']);
    // Another operator's key; a proof naming operator x but made by y's key.
    expect(await refusedAs(await vouched(forX(), other), phoneY)).toEqual([403, 'delegation_invalid']);
    expect(await refusedAs(await vouched(forX(), { ...other, operatorId: x }), phoneY)).toEqual([403, 'delegation_invalid']);
    // A proof moved to another item, readable or sealed, does not verify.
    const signed = await vouched(forX(), delegation);
    expect(await refusedAs({ ...forX(), delegation: signed.delegation }, phoneX)).toEqual([403, 'delegation_invalid']);
    const sealedA = await vouchedSealed(forX(), key, delegation);
    const itemB = forX();
    expect(await refusedAs({ id: itemB.id, sealed: await sealJson(itemB, key, itemB.id), delegation: sealedA.delegation }, phoneX))
      .toEqual([403, 'delegation_invalid']);
    // A changed application under its proof does not verify either.
    expect(await refusedAs({ ...signed, answers: { ...signed.answers, fullName: 'Someone Else' } }, phoneX)).toEqual([403, 'delegation_invalid']);
    for (const id of [bare.id, signed.id, itemB.id]) expect(await server.storage.findReceipt(id)).toBeNull();
  });

  it('lets a phone that carried an on-behalf item read nothing of it back beyond its receipt; the operator\'s phone follows it', async () => {
    const server = await start(kind);
    const x = await addOperator(server.storage, 'operator-x');
    const [phoneX, carrier] = [newDeviceKey(), newDeviceKey()];
    const { pair, delegation } = await signInDelegating(server.origin, 'operator-x', phoneX);
    const item = await vouchedSealed(validItem({ onBehalf: onBehalfOf(x, 'Aziz Rahimov') }), await sealKeyOf(server), delegation);
    const [delivered] = await send(server, [item], carrier);
    expect(delivered).toMatchObject({ id: item.id, status: 201, receipt: { id: item.id } });
    // Carried again by the same phone: the same receipt, nothing more.
    expect((await send(server, [item], carrier))[0]).toMatchObject({ status: 200, receipt: { id: item.id } });

    const changesOf = async (phone: string) => {
      const response = await fetch(`${server.origin}/api/v1/statuses`, { headers: { [DEVICE_KEY_HEADER]: phone } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { changes: { id: string }[] }).changes.map((change) => change.id);
    };
    expect(await changesOf(carrier)).toEqual([]);
    expect((await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers: { [DEVICE_KEY_HEADER]: carrier } })).status).toBe(404);
    // The phone the operator signed it on, and the operator, follow it.
    expect(await changesOf(phoneX)).toEqual([item.id]);
    expect((await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers: { [DEVICE_KEY_HEADER]: phoneX } })).status).toBe(200);
    expect((await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers: bearer(pair, phoneX) })).status).toBe(200);
  });

  it('refuses an on-behalf item signed before a sign-out and sent after it, until the operator signs it again', async () => {
    const server = await start(kind);
    const x = await addOperator(server.storage, 'operator-x');
    const phone = newDeviceKey();
    const { pair, delegation } = await signInDelegating(server.origin, 'operator-x', phone);
    const key = await sealKeyOf(server);
    const item = validItem({ onBehalf: onBehalfOf(x) });
    const queued = await vouchedSealed(item, key, delegation);
    expect((await postAuth(server.origin, AUTH_PATHS.logout, { refreshToken: pair.refreshToken }, phone)).status).toBe(204);
    const [refused] = await send(server, [queued], phone);
    expect(refused).toEqual({ id: item.id, status: 403, error: { code: 'delegation_revoked', message: expect.any(String) } });
    expect(await server.storage.findReceipt(item.id)).toBeNull();

    // Signed in again, the phone signs the same envelope with its new key: delivered.
    const again = (await signInDelegating(server.origin, 'operator-x', phone)).delegation;
    expect((await send(server, [await vouched(queued, again)], phone))[0]).toMatchObject({ status: 201 });
  });

  it('refuses on-behalf items once the phone is revoked or the operator disabled, and after the sign-in expires', async () => {
    const server = await start(kind);
    const [x, y] = [await addOperator(server.storage, 'operator-x'), await addOperator(server.storage, 'operator-y')];
    const [phoneX, phoneY, carrier] = [newDeviceKey(), newDeviceKey(), newDeviceKey()];
    const forX = (await signInDelegating(server.origin, 'operator-x', phoneX)).delegation;
    const forY = (await signInDelegating(server.origin, 'operator-y', phoneY)).delegation;
    const itemX = await vouched(validItem({ onBehalf: onBehalfOf(x) }), forX);
    const itemY = await vouched(validItem({ onBehalf: onBehalfOf(y) }), forY);
    await server.storage.operators.revokeDevices({ hashPrefix: (await server.storage.operators.listDevices()).find((d) => d.operators.includes('operator-x'))!.deviceHash }, clock.toISOString());
    await server.storage.operators.disableOperator('operator-y', clock.toISOString());
    // Brought by a phone nobody revoked: the proof still dies with its sign-in.
    expect((await send(server, [itemX, itemY], carrier)).map((r) => 'error' in r ? r.error.code : r.status)).toEqual(['delegation_revoked', 'delegation_revoked']);

    const z = await addOperator(server.storage, 'operator-z');
    const forZ = (await signInDelegating(server.origin, 'operator-z', newDeviceKey())).delegation;
    advance(61 * 24 * 60 * 60);
    expect((await send(server, [await vouched(validItem({ onBehalf: onBehalfOf(z) }), forZ)], carrier))[0])
      .toMatchObject({ status: 403, error: { code: 'delegation_revoked' } });
  });

  it('refuses a sign-in whose delegation key is not a P-256 public key (a point off the curve included), and one that reuses a key', async () => {
    const server = await start(kind);
    await addOperator(server.storage, 'operator-x');
    const key = await newDelegationKey();
    const login = (delegationKey: unknown) => postAuth(server.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'correct horse battery', delegationKey }, newDeviceKey());
    const privateJwk = await webcrypto.subtle.exportKey('jwk', (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])).privateKey);
    expect((await login(privateJwk)).status).toBe(400);
    expect((await login({ kty: 'EC', crv: 'P-384', x: key.publicKey.x, y: key.publicKey.y })).status).toBe(400);
    expect((await login({ ...key.publicKey, y: key.publicKey.x })).status).toBe(400);
    expect((await login(key.publicKey)).status).toBe(200);
    expect(await codeOf(await login(key.publicKey))).toEqual([400, 'bad_request']);
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
    const code = codeOf;
    const headers = { [DEVICE_KEY_HEADER]: phone };
    expect(await code(await postJson(server.origin, { items: [validItem()] }, headers))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}/api/v1/statuses`, { headers }))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}/api/v1/submissions/${item.id}`, { headers }))).toEqual([403, 'device_revoked']);
    expect(await code(await postAuth(server.origin, AUTH_PATHS.login, { username: 'operator-x', password: 'correct horse battery' }, phone))).toEqual([403, 'device_revoked']);
    expect(await code(await fetch(`${server.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair, phone) }))).toEqual([403, 'device_revoked']);
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
    expect((await fetch(`${second.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair, phone) })).status).toBe(200);
    // Signing out on one instance ends the access token on the other at once.
    expect((await postAuth(first.origin, AUTH_PATHS.logout, { refreshToken: pair.refreshToken }, phone)).status).toBe(204);
    expect((await fetch(`${second.origin}${AUTH_PATHS.operatorApplications}`, { headers: bearer(pair, phone) })).status).toBe(401);
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

