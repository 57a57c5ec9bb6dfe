import { randomBytes } from 'node:crypto';
import type { IdentityProvider } from './identity-provider';
import { OidcProvider } from './oidc-provider';
import { OneIdProvider } from './oneid-provider';
import { STAND_IN_AUTHORIZATION_PATH, STAND_IN_ONEID_PREFIX } from './stand-in-oneid';

/** The stand-in's client: it only ever talks to this same server, so the name need not be secret. */
export const STAND_IN_CLIENT_ID = 'xizmat-stand-in';
/** Hosts plain HTTP is allowed to: a provider on this machine never crosses a network. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const ONEID = { url: 'XIZMAT_ONEID_URL', clientId: 'XIZMAT_ONEID_CLIENT_ID', clientSecret: 'XIZMAT_ONEID_CLIENT_SECRET', scope: 'XIZMAT_ONEID_SCOPE' } as const;
const OIDC = {
  issuer: 'XIZMAT_OIDC_ISSUER', clientId: 'XIZMAT_OIDC_CLIENT_ID', clientSecret: 'XIZMAT_OIDC_CLIENT_SECRET', scope: 'XIZMAT_OIDC_SCOPE', pinflClaim: 'XIZMAT_OIDC_PINFL_CLAIM',
} as const;
/** Set to 1 to let a production server sign people in through the stand-in (a public demo, say). */
export const STAND_IN_IN_PRODUCTION = 'XIZMAT_IDENTITY_STAND_IN';

/** Which provider signs citizens in, as the settings chose it. */
export interface IdentitySettings {
  provider: IdentityProvider;
  /** True when no provider is configured and the stand-in OneID on this server signs people in. */
  standIn: boolean;
  /** With the stand-in: the client it must be registered with (standInOneId); null otherwise. */
  standInSettings: { clientId: string; clientSecret: string } | null;
}

type Env = Record<string, string | undefined>;

/**
 * The identity provider from the environment: OneID (XIZMAT_ONEID_*), a standard OpenID Connect
 * provider (XIZMAT_OIDC_*), or, with neither, the stand-in OneID mounted on this server at
 * `standInPrefix`, reached by the server itself over loopback at `port` (a function when the
 * port is known only once the server listens). Setting both, or only
 * part of one, is an error at start-up rather than a sign-in that fails later; so is a production
 * server with neither, unless XIZMAT_IDENTITY_STAND_IN=1 says the stand-in is meant.
 */
export function identityProviderFrom(env: Env, { port, standInPrefix = STAND_IN_ONEID_PREFIX }: { port: number | (() => number); standInPrefix?: string }): IdentitySettings {
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };
  const oneIdSet = Object.values(ONEID).filter((name) => value(name) !== undefined);
  const oidcSet = Object.values(OIDC).filter((name) => value(name) !== undefined);
  if (oneIdSet.length > 0 && oidcSet.length > 0) {
    throw new Error(`Both OneID (${oneIdSet.join(', ')}) and OpenID Connect (${oidcSet.join(', ')}) are configured: set the variables of one identity provider only.`);
  }
  const required = (names: readonly string[], provider: string) => {
    const missing = names.filter((name) => value(name) === undefined);
    if (missing.length > 0) throw new Error(`${provider} is partly configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set.`);
  };

  if (oneIdSet.length > 0) {
    required([ONEID.url, ONEID.clientId, ONEID.clientSecret], 'OneID');
    const url = checkedUrl(value(ONEID.url)!, ONEID.url);
    const clientId = value(ONEID.clientId)!;
    return {
      // OneID's browser and server addresses are the same Authorization.do.
      provider: new OneIdProvider({ browserUrl: url, serverUrl: url, clientId, clientSecret: value(ONEID.clientSecret)!, scope: value(ONEID.scope) ?? clientId }),
      standIn: false,
      standInSettings: null,
    };
  }

  if (oidcSet.length > 0) {
    required([OIDC.issuer, OIDC.clientId, OIDC.clientSecret], 'OpenID Connect');
    return {
      provider: new OidcProvider({
        issuer: checkedUrl(value(OIDC.issuer)!, OIDC.issuer),
        clientId: value(OIDC.clientId)!,
        clientSecret: value(OIDC.clientSecret)!,
        scope: value(OIDC.scope),
        pinflClaim: value(OIDC.pinflClaim),
      }),
      standIn: false,
      standInSettings: null,
    };
  }

  if (env['NODE_ENV'] === 'production' && env[STAND_IN_IN_PRODUCTION] !== '1') {
    throw new Error(
      `No identity provider is configured (${ONEID.url} and the rest, or ${OIDC.issuer} and the rest), and a production server does not sign people in `
      + `through the stand-in OneID. Configure a provider, or set ${STAND_IN_IN_PRODUCTION}=1 if the stand-in is really meant.`,
    );
  }
  const path = `${standInPrefix}${STAND_IN_AUTHORIZATION_PATH}`;
  // A fresh secret each start: only this process both issues and presents it.
  const standInSettings = { clientId: STAND_IN_CLIENT_ID, clientSecret: randomBytes(32).toString('base64url') };
  return {
    provider: new OneIdProvider({
      browserUrl: path,
      // Read at each sign-in: with PORT=0 the port is known only once the server listens.
      serverUrl: () => `http://127.0.0.1:${typeof port === 'function' ? port() : port}${path}`,
      clientId: standInSettings.clientId,
      clientSecret: standInSettings.clientSecret,
      scope: standInSettings.clientId,
      standIn: true,
    }),
    standIn: true,
    standInSettings,
  };
}

/** An absolute https URL, or http to this machine: a client secret never crosses a network in the clear. */
function checkedUrl(text: string, name: string): string {
  if (!URL.canParse(text)) throw new Error(`${name} is not a URL: "${text}".`);
  const url = new URL(text);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return text;
  throw new Error(`${name} must be an https URL (plain http only to this machine), not "${text}".`);
}
