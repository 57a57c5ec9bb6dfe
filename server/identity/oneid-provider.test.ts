import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { IdentityError, type IdentityFailure, type VerifiedIdentity } from './identity-provider';
import { OneIdProvider, type OneIdSettings } from './oneid-provider';
import { STAND_IN_CITIZENS, type StandInCitizen } from './stand-in-citizens';
import { STAND_IN_AUTHORIZATION_PATH, STAND_IN_BANNER, STAND_IN_MAX_ENTRIES, STAND_IN_ONEID_PREFIX, standInOneId, type StandInOneIdOptions } from './stand-in-oneid';

const CLIENT_ID = 'xizmat-test';
const CLIENT_SECRET = 'stand-in-secret-for-tests';
const PATH = `${STAND_IN_ONEID_PREFIX}${STAND_IN_AUTHORIZATION_PATH}`;
const CALLBACK_PATH = '/identity/callback';

interface StandIn {
  origin: string;
  app: FastifyInstance;
  provider(settings?: Partial<OneIdSettings>): OneIdProvider;
}

const running: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

/** A server with only the stand-in on it, on a free port, over real HTTP. */
async function startStandIn(options: Partial<StandInOneIdOptions> = {}): Promise<StandIn> {
  const app = Fastify();
  await app.register(standInOneId, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  running.push(app);
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    origin,
    app,
    provider: (settings = {}) => new OneIdProvider({
      browserUrl: PATH, serverUrl: `${origin}${PATH}`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scope: CLIENT_ID, standIn: true, ...settings,
    }),
  };
}

const unescapeHtml = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The forms of the stand-in's page, as a browser would submit them: hidden fields plus the button. */
function formsOf(html: string): Array<{ action: string; button: { name: string; value: string; text: string }; fields: URLSearchParams }> {
  return [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].map(([, action, inner]) => {
    const fields = new URLSearchParams();
    for (const [, name, value] of inner!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(unescapeHtml(name!), unescapeHtml(value!));
    const [, name, value, text] = /<button [^>]*name="([^"]*)" value="([^"]*)">([^<]*)<\/button>/.exec(inner!)!;
    fields.append(name!, unescapeHtml(value!));
    return { action: unescapeHtml(action!), button: { name: name!, value: unescapeHtml(value!), text: unescapeHtml(text!) }, fields };
  });
}

/** begin, the page, the press of a button: the URL the browser comes back to. */
async function pressButton(standIn: StandIn, provider: OneIdProvider, state: string, pick: (text: string) => boolean) {
  const redirectUri = `${standIn.origin}${CALLBACK_PATH}`;
  const start = await provider.begin({ state, redirectUri });
  const page = await fetch(new URL(start.url, standIn.origin));
  expect(page.status).toBe(200);
  const form = formsOf(await page.text()).find((one) => pick(one.button.text));
  expect(form).toBeDefined();
  const answer = await fetch(new URL(form!.action, standIn.origin), { method: 'POST', body: form!.fields, redirect: 'manual' });
  expect(answer.status).toBe(302);
  return { callbackUrl: new URL(answer.headers.get('location')!, standIn.origin), redirectUri, start };
}

const signInAs = (standIn: StandIn, provider: OneIdProvider, citizen: StandInCitizen, state = 'state-1') =>
  pressButton(standIn, provider, state, (text) => text === `Sign in as ${citizen.firstName} ${citizen.lastName}`);

const identityOf = ({ pinfl, lastName, firstName, middleName, birthDate, phone, passport }: StandInCitizen): VerifiedIdentity =>
  ({ pinfl, lastName, firstName, middleName, birthDate, phone, passport });

async function failure(promise: Promise<unknown>): Promise<{ code: IdentityFailure; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IdentityError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('Expected the sign-in to fail.');
}

describe('OneIdProvider.begin', () => {
  it('sends the browser to OneID with OneID\'s parameters, carrying nothing', async () => {
    const provider = new OneIdProvider({ browserUrl: 'https://sso.egov.uz/sso/oauth/Authorization.do', serverUrl: 'https://sso.egov.uz/sso/oauth/Authorization.do', clientId: 'xizmat', clientSecret: 's', scope: 'xizmat' });
    const start = await provider.begin({ state: 'abc', redirectUri: 'https://xizmat.example/identity/callback' });
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe('https://sso.egov.uz/sso/oauth/Authorization.do');
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'one_code', client_id: 'xizmat', redirect_uri: 'https://xizmat.example/identity/callback', scope: 'xizmat', state: 'abc' });
    expect(start.carry).toBe('');
    expect(provider.name).toBe('oneid');
    expect(provider.standIn).toBe(false);
  });

  it('names the stand-in as such', async () => {
    const provider = new OneIdProvider({ browserUrl: PATH, serverUrl: `http://127.0.0.1:1${PATH}`, clientId: 'c', clientSecret: 's', scope: 'c', standIn: true });
    expect([provider.name, provider.standIn]).toEqual(['stand-in-oneid', true]);
    expect((await provider.begin({ state: 's', redirectUri: '/cb' })).url).toMatch(new RegExp(`^${PATH}\\?response_type=one_code&`));
  });
});

describe('the stand-in OneID page', () => {
  it('says loudly that it is a stand-in, and offers each citizen and a cancel', async () => {
    const standIn = await startStandIn();
    const start = await standIn.provider().begin({ state: 'st', redirectUri: `${standIn.origin}${CALLBACK_PATH}` });
    const page = await fetch(new URL(start.url, standIn.origin));
    const html = await page.text();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(`default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${standIn.origin}; base-uri 'none'; frame-ancestors 'none'`);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<h1>');
    for (const [lang, text] of Object.entries(STAND_IN_BANNER)) expect(html).toContain(`<p lang="${lang}">${text}</p>`);
    expect(html).toContain('STAND-IN OneID: not the real OneID, for local runs and tests only');
    expect(html).not.toMatch(/<script|\son\w+=/i);
    const forms = formsOf(html);
    expect(forms.map((form) => form.button.text)).toEqual([...STAND_IN_CITIZENS.map((c) => `Sign in as ${c.firstName} ${c.lastName}`), 'Cancel']);
    expect(forms.map((form) => form.button.text)).toContain('Sign in as Oʻtkir Gʻulomov');
    for (const form of forms) expect(form.fields.get('state')).toBe('st');
  });

  it('escapes a hostile state, and gives it back unchanged', async () => {
    const standIn = await startStandIn();
    const hostile = '"><script>alert(1)</script><x a=\'&amp;';
    const start = await standIn.provider().begin({ state: hostile, redirectUri: `${standIn.origin}${CALLBACK_PATH}` });
    const html = await (await fetch(new URL(start.url, standIn.origin))).text();
    expect(html).not.toContain('<script');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&#39;&amp;amp;"');
    const { callbackUrl } = await pressButton(standIn, standIn.provider(), hostile, (text) => text.startsWith('Sign in as'));
    expect(callbackUrl.searchParams.get('state')).toBe(hostile);
  });

  it('refuses, without redirecting, an unknown client or a redirect_uri that leaves', async () => {
    const standIn = await startStandIn();
    const ask = (query: Record<string, string>) => fetch(`${standIn.origin}${PATH}?${new URLSearchParams({ response_type: 'one_code', client_id: CLIENT_ID, scope: CLIENT_ID, state: 's', redirect_uri: '/cb', ...query })}`, { redirect: 'manual' });
    expect((await ask({})).status).toBe(200);
    const refused: Array<Record<string, string>> = [
      { client_id: 'someone-else' }, { redirect_uri: '//evil.example/cb' }, { redirect_uri: '/\\evil.example/cb' }, { redirect_uri: 'javascript:alert(1)' }, { redirect_uri: '/cb#x' }, { response_type: 'code' },
    ];
    for (const query of refused) {
      const answer = await ask(query);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });

  it('holds to its list of redirect URIs when given one', async () => {
    const standIn = await startStandIn({ redirectUris: ['https://xizmat.example/cb'] });
    const ask = (redirectUri: string) => fetch(`${standIn.origin}${PATH}?${new URLSearchParams({ response_type: 'one_code', client_id: CLIENT_ID, state: 's', redirect_uri: redirectUri })}`);
    const allowed = await ask('https://xizmat.example/cb');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-security-policy')).toContain("form-action 'self' https://xizmat.example;");
    expect((await ask('https://xizmat.example/other')).status).toBe(400);
    expect((await ask('/cb')).status).toBe(400);
  });
});

describe('OneIdProvider against the stand-in', () => {
  it.each(STAND_IN_CITIZENS.map((citizen) => [`${citizen.firstName} ${citizen.lastName}`, citizen] as const))('signs in %s as the stand-in has them', async (_name, citizen) => {
    const standIn = await startStandIn();
    const provider = standIn.provider();
    const { callbackUrl, redirectUri, start } = await signInAs(standIn, provider, citizen, 'state-42');
    expect(callbackUrl.pathname).toBe(CALLBACK_PATH);
    expect(callbackUrl.searchParams.get('state')).toBe('state-42');
    expect(callbackUrl.searchParams.get('code')).toMatch(/^[\w-]{40,}$/);
    await expect(provider.finish({ callbackUrl, state: 'state-42', redirectUri, carry: start.carry })).resolves.toEqual(identityOf(citizen));
  });

  it('refuses a code used a second time', async () => {
    const standIn = await startStandIn();
    const provider = standIn.provider();
    const { callbackUrl, redirectUri } = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    await provider.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' });
    expect(await failure(provider.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' }))).toEqual({ code: 'identity_code_refused', message: 'OneID refused the code (HTTP 400).' });
  });

  it('refuses a code past its minute', async () => {
    let clock = new Date('2026-06-01T10:00:00Z');
    const standIn = await startStandIn({ now: () => clock });
    const provider = standIn.provider();
    const { callbackUrl, redirectUri } = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    clock = new Date('2026-06-01T10:01:00.001Z');
    expect((await failure(provider.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' }))).code).toBe('identity_code_refused');
  });

  it('refuses a code swapped for another redirect_uri than it was issued for', async () => {
    const standIn = await startStandIn();
    const provider = standIn.provider();
    const { callbackUrl } = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    expect((await failure(provider.finish({ callbackUrl, state: 'state-1', redirectUri: `${standIn.origin}/elsewhere`, carry: '' }))).code).toBe('identity_code_refused');
  });

  it('refuses a client with the wrong secret', async () => {
    const standIn = await startStandIn();
    const { callbackUrl, redirectUri } = await signInAs(standIn, standIn.provider(), STAND_IN_CITIZENS[0]!);
    const wrong = standIn.provider({ clientSecret: 'not-the-secret' });
    expect(await failure(wrong.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' }))).toEqual({ code: 'identity_code_refused', message: 'OneID refused the code (HTTP 401).' });
    const direct = await fetch(`${standIn.origin}${PATH}`, { method: 'POST', body: new URLSearchParams({ grant_type: 'one_authorization_code', client_id: CLIENT_ID, client_secret: 'x', code: callbackUrl.searchParams.get('code')!, redirect_uri: redirectUri }) });
    expect([direct.status, await direct.json()]).toEqual([401, { error: 'invalid_client', error_description: 'Unknown client or wrong secret.' }]);
  });

  it('tells a cancel at the stand-in as identity_cancelled', async () => {
    const standIn = await startStandIn();
    const provider = standIn.provider();
    const { callbackUrl, redirectUri } = await pressButton(standIn, provider, 'state-c', (text) => text === 'Cancel');
    expect(Object.fromEntries(callbackUrl.searchParams)).toEqual({ error: 'access_denied', state: 'state-c' });
    expect((await failure(provider.finish({ callbackUrl, state: 'state-c', redirectUri, carry: '' }))).code).toBe('identity_cancelled');
  });

  it('tells a callback without a code as identity_cancelled, and one with another state as identity_code_refused', async () => {
    const standIn = await startStandIn();
    const provider = standIn.provider();
    const redirectUri = `${standIn.origin}${CALLBACK_PATH}`;
    expect((await failure(provider.finish({ callbackUrl: new URL(`${redirectUri}?state=s`), state: 's', redirectUri, carry: '' }))).code).toBe('identity_cancelled');
    const { callbackUrl } = await signInAs(standIn, provider, STAND_IN_CITIZENS[1]!, 'the-state');
    expect((await failure(provider.finish({ callbackUrl, state: 'another-state', redirectUri, carry: '' }))).code).toBe('identity_code_refused');
    expect((await failure(provider.finish({ callbackUrl, state: 'the-stat', redirectUri, carry: '' }))).code).toBe('identity_code_refused');
    // The code was not spent on the refused callbacks: the right state still signs in.
    await expect(provider.finish({ callbackUrl, state: 'the-state', redirectUri, carry: '' })).resolves.toEqual(identityOf(STAND_IN_CITIZENS[1]!));
  });

  const faults: Array<[NonNullable<StandInOneIdOptions['fault']>, IdentityFailure, RegExp]> = [
    ['ret_cd', 'identity_refused', /ret_cd "1"/],
    ['no_pin', 'identity_malformed', /no PINFL/],
    ['bad_json', 'identity_provider_unreachable', /HTTP 200 with something other than JSON/],
  ];
  it.each(faults)('tells the fault %s as %s', async (fault, code, message) => {
    const standIn = await startStandIn({ fault });
    const provider = standIn.provider();
    const { callbackUrl, redirectUri } = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    const failed = await failure(provider.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' }));
    expect(failed.code).toBe(code);
    expect(failed.message).toMatch(message);
  });

  it('gives up on a stand-in that answers too slowly', async () => {
    const slowMs = 4_000;
    const standIn = await startStandIn({ fault: 'slow', slowMs });
    const provider = standIn.provider({ timeoutMs: 250 });
    const { callbackUrl, redirectUri } = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    const started = Date.now();
    expect(await failure(provider.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' }))).toEqual({
      code: 'identity_provider_unreachable', message: 'OneID (one_access_token_identify): no answer within 250 ms.',
    });
    // Well before the stand-in would have answered: the timeout, not the answer, ended it.
    expect(Date.now() - started).toBeLessThan(slowMs - 1_000);
  });

  it('reads the fault anew at each request when given a function', async () => {
    let fault: 'ret_cd' | null = 'ret_cd';
    const standIn = await startStandIn({ fault: () => fault });
    const provider = standIn.provider();
    const first = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    expect((await failure(provider.finish({ ...first, state: 'state-1', carry: '' }))).code).toBe('identity_refused');
    fault = null;
    const second = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    await expect(provider.finish({ ...second, state: 'state-1', carry: '' })).resolves.toEqual(identityOf(STAND_IN_CITIZENS[0]!));
  });

  it('tells a OneID nobody answers at as identity_provider_unreachable', async () => {
    const standIn = await startStandIn();
    const provider = standIn.provider();
    const { callbackUrl, redirectUri } = await signInAs(standIn, provider, STAND_IN_CITIZENS[0]!);
    await standIn.app.close();
    expect((await failure(provider.finish({ callbackUrl, state: 'state-1', redirectUri, carry: '' }))).code).toBe('identity_provider_unreachable');
  });

  it('cuts off an answer larger than its cap', async () => {
    const huge = JSON.stringify({ access_token: 'a'.repeat(100_000) });
    const stream = () => new ReadableStream<Uint8Array>({ start(controller) { controller.enqueue(new TextEncoder().encode(huge)); controller.close(); } });
    // Once with a Content-Length that gives it away, once streamed without one.
    for (const headers of [{ 'content-length': String(huge.length) }, {}] as Array<Record<string, string>>) {
      const provider = new OneIdProvider({ browserUrl: PATH, serverUrl: 'http://127.0.0.1:9/x', clientId: 'c', clientSecret: 's', scope: 'c', fetch: async () => new Response(stream(), { status: 200, headers }) });
      const failed = await failure(provider.finish({ callbackUrl: new URL('http://127.0.0.1/cb?code=c&state=s'), state: 's', redirectUri: 'http://127.0.0.1/cb', carry: '' }));
      expect(failed).toEqual({ code: 'identity_provider_unreachable', message: 'OneID (one_authorization_code): the answer is larger than 65536 bytes.' });
    }
  });

  it('refuses a token answer without an access token, and tells a 5xx identify as unreachable', async () => {
    const answers = [
      [new Response(JSON.stringify({ token_type: 'Bearer' }), { status: 200 })],
      [new Response(JSON.stringify({ access_token: 't' }), { status: 200 }), new Response('{"error":"x"}', { status: 503 })],
    ];
    const expected: IdentityFailure[] = ['identity_code_refused', 'identity_provider_unreachable'];
    for (const [index, sequence] of answers.entries()) {
      const provider = new OneIdProvider({ browserUrl: PATH, serverUrl: 'http://127.0.0.1:9/x', clientId: 'c', clientSecret: 's', scope: 'c', fetch: async () => sequence.shift()! });
      expect((await failure(provider.finish({ callbackUrl: new URL('http://127.0.0.1/cb?code=c&state=s'), state: 's', redirectUri: 'http://127.0.0.1/cb', carry: '' }))).code).toBe(expected[index]);
    }
  });
});

describe('the stand-in\'s token side', () => {
  const post = (origin: string, form: Record<string, string>) => fetch(`${origin}${PATH}`, { method: 'POST', body: new URLSearchParams(form) });

  it('ends a token at one_log_out', async () => {
    const standIn = await startStandIn();
    const { callbackUrl, redirectUri } = await signInAs(standIn, standIn.provider(), STAND_IN_CITIZENS[0]!);
    const client = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET };
    const tokens = await (await post(standIn.origin, { ...client, grant_type: 'one_authorization_code', code: callbackUrl.searchParams.get('code')!, redirect_uri: redirectUri })).json() as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: CLIENT_ID });
    const identify = () => post(standIn.origin, { ...client, grant_type: 'one_access_token_identify', access_token: String(tokens['access_token']), scope: CLIENT_ID });
    const person = await (await identify()).json();
    expect(person).toMatchObject({ pin: '31507900010013', birth_date: '15.07.1990', mob_phone_no: '998901234567', user_type: 'I', ret_cd: '0', legal_info: null });
    expect(await (await post(standIn.origin, { ...client, grant_type: 'one_log_out', access_token: String(tokens['access_token']), scope: CLIENT_ID })).json()).toEqual({ ret_cd: '0' });
    expect((await identify()).status).toBe(401);
  });

  it(`keeps no more than ${STAND_IN_MAX_ENTRIES} codes, dropping the oldest`, async () => {
    const standIn = await startStandIn();
    const choose = async () => {
      const answer = await standIn.app.inject({ method: 'POST', url: PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ response_type: 'one_code', client_id: CLIENT_ID, redirect_uri: '/cb', state: 's', citizen: STAND_IN_CITIZENS[0]!.pinfl }).toString() });
      return new URL(answer.headers.location as string, standIn.origin).searchParams.get('code')!;
    };
    const swap = async (code: string) => {
      const answer = await post(standIn.origin, { grant_type: 'one_authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code, redirect_uri: '/cb' });
      return [answer.status, ((await answer.json()) as Record<string, unknown>)['error_description'] ?? 'ok'];
    };
    const oldest = await choose();
    const second = await choose();
    for (let i = 2; i < STAND_IN_MAX_ENTRIES + 1; i++) await choose();
    expect(await swap(oldest)).toEqual([400, 'Unknown code.']);
    expect(await swap(second)).toEqual([200, 'ok']);
  });
});
