import * as client from 'openid-client';
import { verifiedIdentityFrom } from './check-identity';
import { codeFromCallback } from './code-from-callback';
import { IdentityError, type IdentityProvider, type SignInStart, type VerifiedIdentity } from './identity-provider';

/** Each call to the provider (discovery, token, userinfo), in seconds as openid-client counts: a person is waiting. */
export const OIDC_TIMEOUT_S = 10;
export const OIDC_DEFAULT_SCOPE = 'openid profile';
/** Where the PINFL is looked for unless the settings name another claim; "pinfl" is tried next. */
export const OIDC_DEFAULT_PINFL_CLAIM = 'pin';
/** Plain HTTP is allowed to these hosts only: a provider on this machine, as in tests, never crosses a network. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** OpenID Connect allows a birthdate of a year only, or with the year withheld: neither is a date of birth. */
const PARTIAL_BIRTHDATE = /^(?:\d{4}|0000-\d{2}-\d{2})$/;
/** A carry is two random strings of about 43 characters in JSON; anything longer is not ours. */
const CARRY_MAX_CHARS = 1024;

export interface OidcSettings {
  /** The issuer identifier; its /.well-known/openid-configuration is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** OIDC_DEFAULT_SCOPE unless the provider puts the PINFL or the phone under another scope. */
  scope?: string;
  /** The claim that carries the PINFL: OIDC_DEFAULT_PINFL_CLAIM unless set. */
  pinflClaim?: string;
}

/**
 * A standard OpenID Connect provider, through openid-client: the authorization code flow with PKCE
 * (S256) and a nonce, which travel in `carry`; the ID token is checked by openid-client (signature,
 * issuer, audience, nonce), and the person's claims come from it and from userinfo, then go
 * through the same field checks as OneID's answer.
 */
export class OidcProvider implements IdentityProvider {
  readonly name = 'oidc';
  readonly standIn = false;
  readonly #settings: OidcSettings;
  #configuration: Promise<client.Configuration> | null = null;

  constructor(settings: OidcSettings) {
    this.#settings = settings;
  }

  async begin({ state, redirectUri }: { state: string; redirectUri: string }): Promise<SignInStart> {
    const config = await this.#config();
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.#settings.scope ?? OIDC_DEFAULT_SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, carry: JSON.stringify({ verifier, nonce }) };
  }

  async finish({ callbackUrl, state, redirectUri, carry }: { callbackUrl: URL; state: string; redirectUri: string; carry: string }): Promise<VerifiedIdentity> {
    codeFromCallback(callbackUrl, state, 'The OpenID Connect provider');
    const { verifier, nonce } = carried(carry);
    const config = await this.#config();
    // openid-client takes the redirect_uri it sends with the code from the URL it is given, so the
    // callback's parameters go onto the redirect_uri this sign-in began with, not onto whatever
    // host and path the request reached this server by.
    const current = new URL(redirectUri);
    current.search = callbackUrl.search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
      const idToken = tokens.claims();
      if (!idToken) throw new IdentityError('identity_malformed', 'The provider answered the code without an ID token.');
      // Claims the ID token carries are signed; userinfo's fill in the rest (many providers put
      // profile claims only there when an access token is issued).
      const userInfo = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, idToken.sub) : {};
      claims = { ...userInfo, ...idToken };
    } catch (error) {
      throw identityErrorFrom(error);
    }
    const pinflClaim = this.#settings.pinflClaim ?? OIDC_DEFAULT_PINFL_CLAIM;
    const birthDate = claims['birthdate'];
    return verifiedIdentityFrom({
      pinfl: claims[pinflClaim] ?? claims['pinfl'],
      lastName: claims['family_name'],
      firstName: claims['given_name'],
      middleName: claims['middle_name'],
      birthDate: typeof birthDate === 'string' && PARTIAL_BIRTHDATE.test(birthDate) ? undefined : birthDate,
      phone: claims['phone_number'],
      // OpenID Connect has no passport claim; the person types it where a form asks.
      passport: undefined,
    });
  }

  /** Discovery, once: a failed one is tried again at the next sign-in rather than remembered. */
  #config(): Promise<client.Configuration> {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = null;
      throw identityErrorFrom(error);
    });
    return this.#configuration;
  }

  async #discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.#settings;
    const url = new URL(issuer);
    const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    const execute = loopbackHttp ? [client.allowInsecureRequests] : [];
    // client_secret_basic is OpenID Connect's default method; a provider that lists only
    // client_secret_post gets that.
    const config = await client.discovery(url, clientId, undefined, client.ClientSecretBasic(clientSecret), { timeout: OIDC_TIMEOUT_S, execute });
    const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
    if (!methods || methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) return config;
    const post = new client.Configuration(config.serverMetadata(), clientId, undefined, client.ClientSecretPost(clientSecret));
    post.timeout = OIDC_TIMEOUT_S;
    for (const extension of execute) extension(post);
    return post;
  }
}

/** The PKCE verifier and nonce begin made; the routes kept them, but they are checked all the same. */
function carried(carry: string): { verifier: string; nonce: string } {
  let value: unknown;
  try {
    value = carry.length <= CARRY_MAX_CHARS ? JSON.parse(carry) : null;
  } catch {
    value = null;
  }
  const { verifier, nonce } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof verifier !== 'string' || typeof nonce !== 'string') throw new IdentityError('identity_code_refused', 'The sign-in\'s PKCE verifier and nonce are missing.');
  return { verifier, nonce };
}

/** openid-client's codes for an answer that is not the protocol at all, or no answer. */
const UNREACHABLE_CODES = new Set([
  'OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_PARSE_ERROR',
  'OAUTH_HTTP_REQUEST_FORBIDDEN', 'OAUTH_REQUEST_PROTOCOL_FORBIDDEN', 'OAUTH_INVALID_SERVER_METADATA', 'OAUTH_MISSING_SERVER_METADATA',
]);

/**
 * What went wrong, as the phone is told: the provider refusing the code or the client is a refused
 * code; no answer, an answer outside the protocol, or a server error is an unreachable provider; an
 * ID token or userinfo that does not check out (signature, nonce, issuer, subject) is a malformed identity.
 */
function identityErrorFrom(error: unknown): IdentityError {
  if (error instanceof IdentityError) return error;
  if (error instanceof client.AuthorizationResponseError) return new IdentityError('identity_cancelled', `The provider sent back error ${error.error}.`);
  if (error instanceof client.ResponseBodyError) {
    return error.status >= 500
      ? new IdentityError('identity_provider_unreachable', `The provider answered HTTP ${error.status} (${error.error}).`)
      : new IdentityError('identity_code_refused', `The provider refused: ${error.error} (HTTP ${error.status}).`);
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: the client at the token endpoint (HTTP Basic), or the token at userinfo.
    const reason = error.cause[0]?.parameters.error ?? error.cause[0]?.scheme ?? 'a challenge';
    return new IdentityError('identity_code_refused', `The provider refused: ${reason} (HTTP ${error.status}).`);
  }
  if (error instanceof client.ClientError) {
    const code = error.code ?? '';
    if (UNREACHABLE_CODES.has(code)) return new IdentityError('identity_provider_unreachable', `The provider: ${error.message} (${code}).`);
    return new IdentityError('identity_malformed', `The provider's answer does not check out: ${error.message} (${code || 'no code'}).`);
  }
  // fetch's own failure (refused connection, DNS, TLS) is a TypeError.
  const message = error instanceof Error ? error.message : String(error);
  return new IdentityError('identity_provider_unreachable', `The provider could not be reached: ${message}.`);
}
