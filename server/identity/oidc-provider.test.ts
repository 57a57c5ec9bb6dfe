import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations; this test uses a handful of its calls.
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityError, type IdentityFailure } from './identity-provider';
import { OidcProvider, type OidcSettings } from './oidc-provider';

const CLIENT_ID = 'xizmat';
const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';
const REDIRECT_URI = 'http://127.0.0.1:5999/identity/callback';

/** The provider's people: claims as a provider might hold them, the PINFL under several names. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  dilnoza: { family_name: 'Karimova', given_name: 'Dilnoza', middle_name: 'Rustamovna', birthdate: '1990-07-15', phone_number: '+998 90 123 45 67', pin: '31507900010013' },
  otkir: { family_name: 'Gʻulomov', given_name: 'Oʻtkir', birthdate: '1985', pinfl: '30203850260047' },
  nopin: { family_name: 'Toshmatova', given_name: 'Nodira' },
  badpin: { family_name: 'Ergashev', given_name: 'Shoxrux', pin: '32811980300028' },
  other: { family_name: 'Karimova', given_name: 'Dilnoza', jshshir: '31507900010013' },
};

let server: Server;
let issuer: string;

/**
 * A real OpenID Connect provider (oidc-provider) on a free port. Its login and consent are one
 * interaction endpoint of our own: `?as=<account>` signs that account in and grants the scopes
 * asked for; without it the person cancels (access_denied).
 */
beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] }],
    async findAccount(_ctx: unknown, sub: string) {
      const claims = ACCOUNTS[sub];
      return claims && { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    claims: { openid: ['sub'], profile: ['family_name', 'given_name', 'middle_name', 'birthdate', 'pin', 'pinfl', 'jshshir'], phone: ['phone_number'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['a-cookie-key-for-tests-only'] },
    // Lifetimes set, so that the provider does not remark on its defaults in the test output.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  const callback = provider.callback();
  server.on('request', async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (!url.pathname.startsWith('/interaction/')) return callback(request, response);
    try {
      const details = await provider.interactionDetails(request, response);
      const accountId = url.searchParams.get('as');
      if (!accountId) {
        await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'The person cancelled.' }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(request, response, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      response.statusCode = 500;
      response.end(String(error));
    }
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const adapter = (settings: Partial<OidcSettings> = {}) => new OidcProvider({ issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...settings });

/** A browser: follows the provider's redirects with its cookies until it is sent back to our callback. */
async function browse(start: string, as: string | null): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop++) {
    if (url.pathname.startsWith('/interaction/') && as !== null) url.searchParams.set('as', as);
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const equals = pair.indexOf('=');
      cookies.set(pair.slice(0, equals), pair.slice(equals + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`The provider stopped at ${url.pathname}: HTTP ${response.status} ${await response.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT_URI)) return next;
    url = next;
  }
  throw new Error('Too many redirects.');
}

async function failure(promise: Promise<unknown>): Promise<{ code: IdentityFailure; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IdentityError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('Expected the sign-in to fail.');
}

describe('OidcProvider against a real OpenID Connect provider', () => {
  it('begins with PKCE S256, a nonce and the state, carrying the verifier and nonce', async () => {
    const start = await adapter().begin({ state: 'state-1', redirectUri: REDIRECT_URI });
    const url = new URL(start.url);
    expect(url.origin).toBe(issuer);
    const carry = JSON.parse(start.carry) as { verifier: string; nonce: string };
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid profile', state: 'state-1',
      nonce: carry.nonce, code_challenge: expect.stringMatching(/^[\w-]{43}$/), code_challenge_method: 'S256',
    });
    expect(carry.verifier).toMatch(/^[\w-]{43,}$/);
  });

  it('signs a person in through login, consent, the token and userinfo', async () => {
    const provider = adapter({ scope: 'openid profile phone' });
    expect([provider.name, provider.standIn]).toEqual(['oidc', false]);
    const start = await provider.begin({ state: 'state-2', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, 'dilnoza');
    expect(callbackUrl.searchParams.get('state')).toBe('state-2');
    await expect(provider.finish({ callbackUrl, state: 'state-2', redirectUri: REDIRECT_URI, carry: start.carry })).resolves.toEqual({
      pinfl: '31507900010013', lastName: 'Karimova', firstName: 'Dilnoza', middleName: 'Rustamovna', birthDate: '1990-07-15', phone: '+998901234567', passport: null,
    });
  });

  it('falls back to a "pinfl" claim, and takes a year-only birthdate as none', async () => {
    const provider = adapter();
    const start = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, 'otkir');
    await expect(provider.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: start.carry })).resolves.toEqual({
      pinfl: '30203850260047', lastName: 'Gʻulomov', firstName: 'Oʻtkir', middleName: null, birthDate: null, phone: null, passport: null,
    });
  });

  it('reads the PINFL from the claim the settings name', async () => {
    const provider = adapter({ pinflClaim: 'jshshir' });
    const start = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, 'other');
    expect((await provider.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: start.carry })).pinfl).toBe('31507900010013');
  });

  const refusals: Array<[string, string, RegExp]> = [['nopin', 'no PINFL', /no PINFL/], ['badpin', 'a PINFL with a wrong check digit', /pinfl_checksum/]];
  it.each(refusals)('refuses an account with %s (%s) as identity_malformed', async (account, _label, message) => {
    const provider = adapter();
    const start = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, account);
    const failed = await failure(provider.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: start.carry }));
    expect(failed.code).toBe('identity_malformed');
    expect(failed.message).toMatch(message);
  });

  it('tells a cancel as identity_cancelled', async () => {
    const provider = adapter();
    const start = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, null);
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
    expect((await failure(provider.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: start.carry }))).code).toBe('identity_cancelled');
  });

  it('refuses a code used twice, a state that is not this sign-in\'s, and another sign-in\'s verifier', async () => {
    const provider = adapter();
    const start = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, 'dilnoza');
    expect(await failure(provider.finish({ callbackUrl, state: 'not-s', redirectUri: REDIRECT_URI, carry: start.carry }))).toMatchObject({ code: 'identity_code_refused' });
    const other = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const { nonce } = JSON.parse(start.carry) as { nonce: string };
    const { verifier } = JSON.parse(other.carry) as { verifier: string };
    // The provider checks the verifier against the challenge the code was issued for: invalid_grant.
    expect(await failure(provider.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: JSON.stringify({ verifier, nonce }) }))).toEqual({
      code: 'identity_code_refused', message: 'The provider refused: invalid_grant (HTTP 400).',
    });
    // oidc-provider revokes a code once it is refused; a fresh one shows the code used twice.
    const again = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const againUrl = await browse(again.url, 'dilnoza');
    await provider.finish({ callbackUrl: againUrl, state: 's', redirectUri: REDIRECT_URI, carry: again.carry });
    expect(await failure(provider.finish({ callbackUrl: againUrl, state: 's', redirectUri: REDIRECT_URI, carry: again.carry }))).toEqual({
      code: 'identity_code_refused', message: 'The provider refused: invalid_grant (HTTP 400).',
    });
  });

  it('refuses an ID token whose nonce is not this sign-in\'s', async () => {
    const provider = adapter();
    const start = await provider.begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, 'dilnoza');
    const { verifier } = JSON.parse(start.carry) as { verifier: string };
    const failed = await failure(provider.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: JSON.stringify({ verifier, nonce: 'another-nonce' }) }));
    expect(failed.code).toBe('identity_malformed');
    expect(failed.message).toMatch(/OAUTH_JWT_CLAIM_COMPARISON_FAILED/);
  });

  it('refuses a client with the wrong secret, and a carry that is not JSON', async () => {
    const start = await adapter().begin({ state: 's', redirectUri: REDIRECT_URI });
    const callbackUrl = await browse(start.url, 'dilnoza');
    const wrong = adapter({ clientSecret: 'not-the-secret' });
    expect(await failure(wrong.finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: start.carry }))).toEqual({
      code: 'identity_code_refused', message: 'The provider refused: invalid_client (HTTP 401).',
    });
    expect((await failure(adapter().finish({ callbackUrl, state: 's', redirectUri: REDIRECT_URI, carry: 'garbage' }))).code).toBe('identity_code_refused');
  });

  it('tells an issuer nobody answers at as identity_provider_unreachable, and tries discovery again later', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const provider = adapter({ issuer: `http://127.0.0.1:${port}` });
    expect((await failure(provider.begin({ state: 's', redirectUri: REDIRECT_URI }))).code).toBe('identity_provider_unreachable');
    expect((await failure(provider.begin({ state: 's', redirectUri: REDIRECT_URI }))).code).toBe('identity_provider_unreachable');
  });

  it('refuses plain HTTP to an issuer that is not on this machine', async () => {
    const provider = adapter({ issuer: 'http://oidc.example' });
    const failed = await failure(provider.begin({ state: 's', redirectUri: REDIRECT_URI }));
    expect(failed).toEqual({ code: 'identity_provider_unreachable', message: 'The provider: only requests to HTTPS are allowed (OAUTH_HTTP_REQUEST_FORBIDDEN).' });
  });
});
