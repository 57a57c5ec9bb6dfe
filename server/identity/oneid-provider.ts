import { checkOneIdIdentity } from './check-identity';
import { codeFromCallback } from './code-from-callback';
import { IdentityError, type IdentityProvider, type SignInStart, type VerifiedIdentity } from './identity-provider';

/** The one address of every OneID step; the grant_type or response_type picks the step. */
export const ONEID_AUTHORIZATION_URL = 'https://sso.egov.uz/sso/oauth/Authorization.do';
/** Each call to OneID, from sending to the last byte: a person is waiting on the callback page. */
export const ONEID_TIMEOUT_MS = 10_000;
/** A token answer or a person's identity is a few KB; anything much bigger is not OneID's protocol. */
export const ONEID_RESPONSE_MAX_BYTES = 64 * 1024;
/** Longer than any access token OneID is seen to issue. */
const TOKEN_MAX_CHARS = 4096;

export interface OneIdSettings {
  /** Where the browser is sent: OneID's Authorization.do, or a path on this server for the stand-in. */
  browserUrl: string;
  /**
   * Where this server POSTs the code and the token: the same URL for OneID, loopback for the
   * stand-in; a function when that is only known once the server listens (port 0 in tests).
   */
  serverUrl: string | (() => string);
  clientId: string;
  clientSecret: string;
  /** The scope OneID registered for this client (often the client id itself). */
  scope: string;
  /** For the stand-in: named "stand-in-oneid" and marked standIn wherever it shows. */
  standIn?: boolean;
  fetch?: typeof fetch;
  /** ONEID_TIMEOUT_MS unless a test needs to see a timeout quickly. */
  timeoutMs?: number;
}

/**
 * OneID (sso.egov.uz): an OAuth 2.0 variant, not OpenID Connect. The browser goes to
 * Authorization.do with response_type=one_code and comes back with a code; the server swaps the
 * code for an access token (one_authorization_code), then the token for the person
 * (one_access_token_identify), plain JSON checked by checkOneIdIdentity. The provider's session is
 * not kept, so there is no one_log_out: the token is used once and left to expire.
 */
export class OneIdProvider implements IdentityProvider {
  readonly name: string;
  readonly standIn: boolean;
  readonly #settings: OneIdSettings;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(settings: OneIdSettings) {
    this.#settings = settings;
    this.standIn = settings.standIn === true;
    this.name = this.standIn ? 'stand-in-oneid' : 'oneid';
    this.#fetch = settings.fetch ?? fetch;
    this.#timeoutMs = settings.timeoutMs ?? ONEID_TIMEOUT_MS;
  }

  async begin({ state, redirectUri }: { state: string; redirectUri: string }): Promise<SignInStart> {
    const { browserUrl, clientId, scope } = this.#settings;
    const query = new URLSearchParams({ response_type: 'one_code', client_id: clientId, redirect_uri: redirectUri, scope, state });
    // browserUrl may be a path (the stand-in on this server), so it is joined as text, not as a URL.
    return { url: `${browserUrl}${browserUrl.includes('?') ? '&' : '?'}${query}`, carry: '' };
  }

  async finish({ callbackUrl, state, redirectUri }: { callbackUrl: URL; state: string; redirectUri: string; carry: string }): Promise<VerifiedIdentity> {
    const code = codeFromCallback(callbackUrl, state, 'OneID');
    const { clientId, clientSecret, scope } = this.#settings;
    const tokens = await this.#post({ grant_type: 'one_authorization_code', client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code });
    // OneID's error format is not documented: any refusal of the code is a refused code.
    if (!tokens.ok) throw new IdentityError('identity_code_refused', `OneID refused the code (HTTP ${tokens.status}).`);
    const accessToken = isRecord(tokens.body) ? tokens.body['access_token'] : undefined;
    if (typeof accessToken !== 'string' || accessToken === '' || accessToken.length > TOKEN_MAX_CHARS) {
      throw new IdentityError('identity_code_refused', 'OneID answered the code without an access token.');
    }
    // expires_in is ignored: one integration saw it as an absolute time, and the token is used at once.

    const identity = await this.#post({ grant_type: 'one_access_token_identify', client_id: clientId, client_secret: clientSecret, access_token: accessToken, scope });
    // Refusals of a person come as ret_cd in a 200 answer; another status is outside the protocol.
    if (!identity.ok) throw new IdentityError('identity_provider_unreachable', `OneID answered the identity request with HTTP ${identity.status}.`);
    return checkOneIdIdentity(identity.body);
  }

  /** One form POST to OneID, bounded in time and size; a JSON body, whatever the status. */
  async #post(form: Record<string, string>): Promise<{ ok: boolean; status: number; body: unknown }> {
    const step = form['grant_type'];
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let text: string;
    let response: Response;
    try {
      const { serverUrl } = this.#settings;
      response = await this.#fetch(typeof serverUrl === 'function' ? serverUrl() : serverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form),
        redirect: 'manual',
        signal,
      });
      text = await readCapped(response, ONEID_RESPONSE_MAX_BYTES);
    } catch (error) {
      const why = signal.aborted ? `no answer within ${this.#timeoutMs} ms` : error instanceof ResponseTooLarge ? error.message : 'the request failed';
      throw new IdentityError('identity_provider_unreachable', `OneID (${step}): ${why}.`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // An HTML error page from a proxy, or a login page: not OneID's protocol, whatever the status.
      throw new IdentityError('identity_provider_unreachable', `OneID (${step}) answered HTTP ${response.status} with something other than JSON.`);
    }
    return { ok: response.status >= 200 && response.status < 300, status: response.status, body };
  }
}

class ResponseTooLarge extends Error {}

/** The body as text, read no further than maxBytes: a runaway answer is cut off, not buffered. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ResponseTooLarge(`the answer is larger than ${maxBytes} bytes`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ResponseTooLarge(`the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
