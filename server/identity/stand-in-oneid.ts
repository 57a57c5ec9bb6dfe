import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ONEID_TIMEOUT_MS } from './oneid-provider';
import { STAND_IN_CITIZENS, type StandInCitizen } from './stand-in-citizens';

/** Where the stand-in sits on a server when registered without a prefix of its own. */
export const STAND_IN_ONEID_PREFIX = '/stand-in-oneid';
/** OneID's one address, under the stand-in's prefix: the adapter cannot tell the two apart. */
export const STAND_IN_AUTHORIZATION_PATH = '/sso/oauth/Authorization.do';
/** A code is swapped within a second of the redirect; a minute allows a slow phone and no more. */
export const STAND_IN_CODE_TTL_MS = 60_000;
/** What the stand-in says an access token lasts, and then holds it to. */
export const STAND_IN_TOKEN_TTL_S = 3600;
/** Codes and tokens kept at once; past this the oldest go, so a loop of sign-ins cannot grow memory. */
export const STAND_IN_MAX_ENTRIES = 1000;
/** Form bodies of the protocol are a few hundred bytes. */
const FORM_BODY_MAX_BYTES = 8 * 1024;
/** Longer than any real value of a query parameter; longer ones are refused rather than echoed. */
const PARAM_MAX_CHARS = 2048;
const FORM = 'application/x-www-form-urlencoded';
/** Resolves paths given as redirect_uri, only to see that they stay on this origin. */
const PATH_BASE = 'http://stand-in.invalid';

/** How a test makes the identify step go wrong, each the way a real OneID could. */
export type StandInFault = 'ret_cd' | 'no_pin' | 'bad_json' | 'slow';

export interface StandInOneIdOptions {
  /** Fastify's register prefix; STAND_IN_ONEID_PREFIX when none is given. */
  prefix?: string;
  clientId: string;
  clientSecret: string;
  /** The only redirect_uri values accepted; without a list, paths on this origin and http(s) URLs are. */
  redirectUris?: string[];
  citizens?: readonly StandInCitizen[];
  /** A fault of the identify answer, fixed or read at each request (an end-to-end test may switch it). */
  fault?: StandInFault | null | (() => StandInFault | null);
  /** How long the 'slow' fault holds its answer: past the adapter's timeout by default. */
  slowMs?: number;
  now?: () => Date;
}

interface SignInRequest { responseType: string; clientId: string; redirectUri: string; scope: string; state: string }
interface IssuedCode { clientId: string; redirectUri: string; scope: string; citizen: StandInCitizen; expiresAt: number; used: boolean }
interface IssuedToken { clientId: string; citizen: StandInCitizen; sessionId: string; expiresAt: number }

/**
 * A stand-in OneID for local runs and tests, speaking OneID's wire shape on one address
 * (STAND_IN_AUTHORIZATION_PATH): a GET with response_type=one_code shows a page of made-up
 * citizens to sign in as; the citizen's choice comes back as a code; the code, the token and the
 * logout are form POSTs told apart by grant_type. Codes are single-use, bound to the client, the
 * redirect_uri and the citizen, and expire, as OneID's are said to, so the adapter's refusals can
 * be tested against it. Register it with app.register: it keeps its form parser to itself.
 */
export async function standInOneId(app: FastifyInstance, options: StandInOneIdOptions): Promise<void> {
  // Registered with a prefix, Fastify has put the routes under it already.
  const path = `${options.prefix === undefined ? STAND_IN_ONEID_PREFIX : ''}${STAND_IN_AUTHORIZATION_PATH}`;
  const citizens = options.citizens ?? STAND_IN_CITIZENS;
  const now = () => (options.now ?? (() => new Date()))().getTime();
  const faultNow = () => (typeof options.fault === 'function' ? options.fault() : options.fault ?? null);
  const slowMs = options.slowMs ?? ONEID_TIMEOUT_MS + 1000;
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, IssuedToken>();

  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: FORM_BODY_MAX_BYTES }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  const redirectAllowed = (uri: string): boolean => {
    // A fragment cannot carry the code back, and whitespace or control characters are not a URL.
    if (!/^[\x21-\x7e]+$/.test(uri) || uri.includes('#')) return false;
    if (options.redirectUris) return options.redirectUris.includes(uri);
    if (uri.startsWith('/')) {
      // "//host" and "/\host" are other origins to a browser.
      if (uri.startsWith('//') || uri.startsWith('/\\')) return false;
      return URL.canParse(uri, PATH_BASE) && new URL(uri, PATH_BASE).origin === PATH_BASE;
    }
    return URL.canParse(uri) && ['http:', 'https:'].includes(new URL(uri).protocol);
  };

  /** The sign-in request's parameters, from the query (GET) or the page's hidden fields (POST). */
  const signInRequest = (get: (name: string) => string | undefined): SignInRequest | { problem: string } => {
    const responseType = get('response_type');
    const clientId = get('client_id');
    const redirectUri = get('redirect_uri');
    if (responseType !== 'one_code') return { problem: 'response_type must be one_code.' };
    if (clientId !== options.clientId) return { problem: 'Unknown client_id.' };
    if (redirectUri === undefined || !redirectAllowed(redirectUri)) return { problem: 'redirect_uri is not one this client may use.' };
    return { responseType, clientId, redirectUri, scope: get('scope') ?? '', state: get('state') ?? '' };
  };

  app.get(path, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const single = (name: string) => {
      const value = query[name];
      return typeof value === 'string' && value.length <= PARAM_MAX_CHARS ? value : undefined;
    };
    const signIn = signInRequest(single);
    // No redirect with a bad client or redirect_uri: that is how an open redirector is made.
    if ('problem' in signIn) return plainError(reply, 400, signIn.problem);
    const formAction = ["'self'", ...(signIn.redirectUri.startsWith('/') ? [] : [new URL(signIn.redirectUri).origin])].join(' ');
    const hidden = { response_type: signIn.responseType, client_id: signIn.clientId, redirect_uri: signIn.redirectUri, scope: signIn.scope, state: signIn.state };
    return reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .header('X-Content-Type-Options', 'nosniff')
      // No script at all; the one style block; the forms post here, and the cancel's redirect
      // (which form-action also governs) goes to the redirect_uri's origin.
      .header('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`)
      .send(standInPage(request.url.split('?')[0]!, hidden, citizens));
  });

  app.post(path, async (request, reply) => {
    if (!(request.body instanceof URLSearchParams)) return jsonError(reply, 400, 'invalid_request', `Send the parameters as ${FORM}.`);
    const form = request.body;
    const single = (name: string) => {
      const values = form.getAll(name);
      return values.length === 1 && values[0]!.length <= PARAM_MAX_CHARS ? values[0] : undefined;
    };
    const grantType = single('grant_type');
    if (grantType === undefined && !form.has('grant_type')) return chosen(reply, single);
    if (!clientAuthenticated(single('client_id'), single('client_secret'))) return jsonError(reply, 401, 'invalid_client', 'Unknown client or wrong secret.');
    switch (grantType) {
      case 'one_authorization_code': return swapCode(reply, single);
      case 'one_access_token_identify': return identify(reply, single);
      case 'one_log_out': {
        const token = single('access_token');
        if (token !== undefined) tokens.delete(token);
        return { ret_cd: '0' };
      }
      default: return jsonError(reply, 400, 'unsupported_grant_type', 'grant_type is not one of OneID\'s.');
    }
  });

  /** The citizen pressed a button on the page (or Cancel): back to the client, with a code or an error. */
  function chosen(reply: FastifyReply, single: (name: string) => string | undefined) {
    const signIn = signInRequest(single);
    if ('problem' in signIn) return plainError(reply, 400, signIn.problem);
    if (single('cancel') !== undefined) return reply.redirect(withParams(signIn.redirectUri, { error: 'access_denied', state: signIn.state }), 302);
    const citizen = citizens.find((one) => one.pinfl === single('citizen'));
    if (!citizen) return plainError(reply, 400, 'No such test citizen.');
    const code = randomBytes(32).toString('base64url');
    remember(codes, code, { clientId: signIn.clientId, redirectUri: signIn.redirectUri, scope: signIn.scope, citizen, expiresAt: now() + STAND_IN_CODE_TTL_MS, used: false });
    return reply.redirect(withParams(signIn.redirectUri, { code, state: signIn.state }), 302);
  }

  function swapCode(reply: FastifyReply, single: (name: string) => string | undefined) {
    const code = single('code');
    const issued = code === undefined ? undefined : codes.get(code);
    if (!issued || issued.clientId !== options.clientId) return jsonError(reply, 400, 'invalid_grant', 'Unknown code.');
    if (issued.used) return jsonError(reply, 400, 'invalid_grant', 'The code was used already.');
    if (now() > issued.expiresAt) return jsonError(reply, 400, 'invalid_grant', 'The code has expired.');
    if (single('redirect_uri') !== issued.redirectUri) return jsonError(reply, 400, 'invalid_grant', 'redirect_uri is not the one the code was issued for.');
    issued.used = true;
    const accessToken = randomBytes(32).toString('base64url');
    remember(tokens, accessToken, { clientId: issued.clientId, citizen: issued.citizen, sessionId: randomBytes(12).toString('hex'), expiresAt: now() + STAND_IN_TOKEN_TTL_S * 1000 });
    return { access_token: accessToken, refresh_token: randomBytes(32).toString('base64url'), token_type: 'Bearer', expires_in: STAND_IN_TOKEN_TTL_S, scope: issued.scope };
  }

  async function identify(reply: FastifyReply, single: (name: string) => string | undefined) {
    const token = single('access_token');
    const issued = token === undefined ? undefined : tokens.get(token);
    if (!issued || now() > issued.expiresAt) return jsonError(reply, 401, 'invalid_token', 'Unknown or expired access token.');
    const fault = faultNow();
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (fault === 'bad_json') return reply.header('Content-Type', 'text/html; charset=utf-8').send('<!doctype html><title>Service unavailable</title><p>Try later.</p>');
    if (fault === 'ret_cd') return { ret_cd: '1', sess_id: issued.sessionId, valid: 'false' };
    const answer = oneIdAnswer(issued.citizen, issued.sessionId);
    if (fault === 'no_pin') delete (answer as Partial<typeof answer>).pin;
    return answer;
  }

  function clientAuthenticated(clientId: string | undefined, secret: string | undefined): boolean {
    if (clientId !== options.clientId || secret === undefined) return false;
    const given = Buffer.from(secret);
    const expected = Buffer.from(options.clientSecret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** The identify answer in OneID's own field names and formats (dates DD.MM.YYYY, the phone without "+"). */
function oneIdAnswer(citizen: StandInCitizen, sessionId: string) {
  return {
    pin: citizen.pinfl,
    user_id: citizen.userId,
    sur_name: citizen.lastName,
    first_name: citizen.firstName,
    mid_name: citizen.middleName ?? '',
    full_name: [citizen.lastName, citizen.firstName, citizen.middleName].filter(Boolean).join(' '),
    birth_date: dotted(citizen.birthDate),
    gd: citizen.gender,
    email: '',
    mob_phone_no: citizen.phone?.replace(/^\+/, '') ?? '',
    pport_no: citizen.passport ?? '',
    pport_issue_date: dotted(citizen.passportIssueDate),
    pport_expr_date: dotted(citizen.passportExpiryDate),
    sess_id: sessionId,
    ret_cd: '0',
    valid: 'true',
    validation_method: ['LOGINPASSMETHOD'],
    auth_method: 'LOGINPASSMETHOD',
    user_type: 'I',
    legal_info: null,
  };
}

const dotted = (isoDate: string | null) => (isoDate === null ? '' : isoDate.split('-').reverse().join('.'));

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  // A Map iterates in insertion order: the first key is the oldest.
  while (map.size >= STAND_IN_MAX_ENTRIES) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** redirect_uri has no fragment (checked), so parameters go after its query, or start one. */
const withParams = (uri: string, params: Record<string, string>) => `${uri}${uri.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;

function jsonError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).header('Cache-Control', 'no-store').send({ error, error_description: description });
}

/** Errors the browser shows: text, never HTML, so nothing from the request can become markup. */
function plainError(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).header('Content-Type', 'text/plain; charset=utf-8').header('Cache-Control', 'no-store').send(`Stand-in OneID: ${message}\n`);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** The banner, in each language the app speaks: nobody should mistake this page for OneID. */
export const STAND_IN_BANNER = {
  'uz-Latn': 'OneID OʻRNINI BOSUVCHI SINOV XIZMATI: bu haqiqiy OneID emas, faqat mahalliy ishga tushirish va testlar uchun',
  ru: 'ЗАГЛУШКА OneID: это не настоящий OneID, только для локального запуска и тестов',
  en: 'STAND-IN OneID: not the real OneID, for local runs and tests only',
} as const;

/** The page of test citizens: server-written HTML, no script, every echoed value escaped. */
function standInPage(action: string, hidden: Record<string, string>, citizens: readonly StandInCitizen[]): string {
  const fields = Object.entries(hidden).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  const form = (inner: string) => `<form method="post" action="${escapeHtml(action)}">${fields}${inner}</form>`;
  const people = citizens.map((citizen) => {
    const name = `${citizen.firstName} ${citizen.lastName}`;
    const details = [`PINFL ${citizen.pinfl}`, citizen.birthDate ? `born ${citizen.birthDate}` : null, citizen.phone].filter(Boolean).join(' · ');
    return `<li>${form(`<button type="submit" name="citizen" value="${escapeHtml(citizen.pinfl)}">Sign in as ${escapeHtml(name)}</button>`)}<p class="details">${escapeHtml(details)}</p></li>`;
  }).join('\n');
  const banner = Object.entries(STAND_IN_BANNER).map(([lang, text]) => `<p lang="${lang}">${escapeHtml(text)}</p>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stand-in OneID (not the real OneID)</title>
<style>
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
.banner { background: #8b0000; color: #fff; padding: 1rem; border-bottom: 0.5rem solid #1a1a1a; font-weight: 700; }
.banner p { margin: 0.25rem 0; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
ul { list-style: none; padding: 0; }
li { margin: 0 0 1rem; }
button { font: inherit; min-height: 2.75rem; padding: 0.5rem 1rem; border-radius: 0.25rem; border: 2px solid #0b3d6b; background: #0b3d6b; color: #fff; cursor: pointer; }
button.cancel { background: #fff; color: #0b3d6b; }
button:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.details { margin: 0.25rem 0 0; color: #404040; }
</style>
</head>
<body>
<header class="banner">${banner}</header>
<main>
<h1>Stand-in OneID</h1>
<p>Choose the made-up test citizen to sign in as. None of them is a real person.</p>
<h2>Test citizens</h2>
<ul>
${people}
</ul>
<h2>Not signing in</h2>
${form('<button type="submit" class="cancel" name="cancel" value="1">Cancel</button>')}
</main>
</body>
</html>
`;
}
