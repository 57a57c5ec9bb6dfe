import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { identityProviderFrom, STAND_IN_CLIENT_ID } from './identity-settings';
import { OidcProvider } from './oidc-provider';
import { OneIdProvider } from './oneid-provider';
import { STAND_IN_CITIZENS } from './stand-in-citizens';
import { standInOneId } from './stand-in-oneid';

const ONEID_ENV = {
  XIZMAT_ONEID_URL: 'https://sso.egov.uz/sso/oauth/Authorization.do',
  XIZMAT_ONEID_CLIENT_ID: 'xizmat_uz',
  XIZMAT_ONEID_CLIENT_SECRET: 'oneid-secret',
};
const OIDC_ENV = {
  XIZMAT_OIDC_ISSUER: 'https://id.example.uz',
  XIZMAT_OIDC_CLIENT_ID: 'xizmat',
  XIZMAT_OIDC_CLIENT_SECRET: 'oidc-secret',
};
const AT = { port: 8080 };

describe('identityProviderFrom', () => {
  it('configures OneID, its scope the client id unless set', async () => {
    const settings = identityProviderFrom(ONEID_ENV, AT);
    expect(settings.provider).toBeInstanceOf(OneIdProvider);
    expect([settings.provider.name, settings.provider.standIn, settings.standIn, settings.standInSettings]).toEqual(['oneid', false, false, null]);
    const url = new URL((await settings.provider.begin({ state: 's', redirectUri: 'https://xizmat.uz/cb' })).url);
    expect(url.origin + url.pathname).toBe(ONEID_ENV.XIZMAT_ONEID_URL);
    expect(url.searchParams.get('client_id')).toBe('xizmat_uz');
    expect(url.searchParams.get('scope')).toBe('xizmat_uz');
    const scoped = identityProviderFrom({ ...ONEID_ENV, XIZMAT_ONEID_SCOPE: 'xizmat_scope' }, AT);
    expect(new URL((await scoped.provider.begin({ state: 's', redirectUri: 'https://xizmat.uz/cb' })).url).searchParams.get('scope')).toBe('xizmat_scope');
  });

  it('configures an OpenID Connect provider', () => {
    const settings = identityProviderFrom({ ...OIDC_ENV, XIZMAT_OIDC_SCOPE: 'openid profile phone', XIZMAT_OIDC_PINFL_CLAIM: 'jshshir' }, AT);
    expect(settings.provider).toBeInstanceOf(OidcProvider);
    expect([settings.provider.name, settings.standIn, settings.standInSettings]).toEqual(['oidc', false, null]);
  });

  it('refuses both providers at once', () => {
    expect(() => identityProviderFrom({ ...ONEID_ENV, ...OIDC_ENV }, AT)).toThrow(/Both OneID .* and OpenID Connect .* are configured/);
    expect(() => identityProviderFrom({ ...ONEID_ENV, XIZMAT_OIDC_PINFL_CLAIM: 'pin' }, AT)).toThrow(/Both OneID/);
  });

  it.each([
    [{ XIZMAT_ONEID_URL: ONEID_ENV.XIZMAT_ONEID_URL }, 'OneID is partly configured: XIZMAT_ONEID_CLIENT_ID, XIZMAT_ONEID_CLIENT_SECRET are not set.'],
    [{ ...ONEID_ENV, XIZMAT_ONEID_CLIENT_SECRET: '  ' }, 'OneID is partly configured: XIZMAT_ONEID_CLIENT_SECRET is not set.'],
    [{ XIZMAT_ONEID_SCOPE: 'x' }, 'OneID is partly configured: XIZMAT_ONEID_URL, XIZMAT_ONEID_CLIENT_ID, XIZMAT_ONEID_CLIENT_SECRET are not set.'],
    [{ ...OIDC_ENV, XIZMAT_OIDC_ISSUER: undefined }, 'OpenID Connect is partly configured: XIZMAT_OIDC_ISSUER is not set.'],
  ])('names what a partial configuration lacks (%o)', (env, message) => {
    expect(() => identityProviderFrom(env, AT)).toThrow(message);
  });

  it('refuses an address that is not a URL, or plain http to another machine', () => {
    expect(() => identityProviderFrom({ ...ONEID_ENV, XIZMAT_ONEID_URL: 'sso.egov.uz' }, AT)).toThrow('XIZMAT_ONEID_URL is not a URL: "sso.egov.uz".');
    expect(() => identityProviderFrom({ ...OIDC_ENV, XIZMAT_OIDC_ISSUER: 'http://id.example.uz' }, AT)).toThrow(/XIZMAT_OIDC_ISSUER must be an https URL/);
    expect(identityProviderFrom({ ...OIDC_ENV, XIZMAT_OIDC_ISSUER: 'http://127.0.0.1:9000' }, AT).provider).toBeInstanceOf(OidcProvider);
  });

  it('falls back to the stand-in, with a fresh secret each time', async () => {
    const settings = identityProviderFrom({}, { port: 8080, standInPrefix: '/dev-oneid' });
    expect([settings.provider.name, settings.provider.standIn, settings.standIn]).toEqual(['stand-in-oneid', true, true]);
    expect(settings.standInSettings?.clientId).toBe(STAND_IN_CLIENT_ID);
    expect(settings.standInSettings?.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(identityProviderFrom({}, AT).standInSettings?.clientSecret).not.toBe(settings.standInSettings?.clientSecret);
    expect((await settings.provider.begin({ state: 's', redirectUri: '/cb' })).url).toMatch(/^\/dev-oneid\/sso\/oauth\/Authorization\.do\?response_type=one_code&client_id=xizmat-stand-in&/);
  });

  it('refuses the stand-in on a production server unless asked for', () => {
    expect(() => identityProviderFrom({ NODE_ENV: 'production' }, AT)).toThrow(/production server does not sign people in through the stand-in.*XIZMAT_IDENTITY_STAND_IN=1/);
    expect(identityProviderFrom({ NODE_ENV: 'production', XIZMAT_IDENTITY_STAND_IN: '1' }, AT).standIn).toBe(true);
    expect(identityProviderFrom({ NODE_ENV: 'production', ...ONEID_ENV }, AT).standIn).toBe(false);
  });

  it('signs a citizen in through the stand-in on a server whose port is known only once it listens', async () => {
    const app = Fastify();
    let port = 0;
    const settings = identityProviderFrom({}, { port: () => port });
    await app.register(standInOneId, { ...settings.standInSettings! });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      port = (app.server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      const redirectUri = `${origin}/identity/callback`;
      const start = await settings.provider.begin({ state: 'st', redirectUri });
      const citizen = STAND_IN_CITIZENS[1]!;
      const form = new URLSearchParams(new URL(start.url, origin).searchParams);
      form.set('citizen', citizen.pinfl);
      const chosen = await fetch(new URL(start.url, origin), { method: 'POST', body: form, redirect: 'manual' });
      const callbackUrl = new URL(chosen.headers.get('location')!);
      const identity = await settings.provider.finish({ callbackUrl, state: 'st', redirectUri, carry: start.carry });
      expect(identity).toMatchObject({ pinfl: citizen.pinfl, lastName: 'Gʻulomov', firstName: 'Oʻtkir' });
    } finally {
      await app.close();
    }
  });
});
