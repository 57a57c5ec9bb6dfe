import { APPLICATION_STATUSES, MAX_BODY_BYTES, STATUS_MESSAGE_MAX_CHARS } from '../src/contract/index';
import { FREE_FAILURES } from './auth/login-throttle';
import { BACK_OFFICE_USER, CSRF_FIELD, MIN_ADMIN_TOKEN_CHARS } from './back-office/back-office-routes';
import { CSRF_TOKEN, CSRF_TOKEN_TTL_MS } from './back-office/csrf-token';
import { BACK_OFFICE_REFERRER_POLICY } from './http/security-headers';
import { retryAfter } from './openapi-parts';

// The back office (server/back-office): HTML pages for the agency's staff, beside the API rather
// than under /api/v1, so each path names the site root as its server. Merged into server/openapi.ts.

const siteRoot = [{ url: '/', description: 'The site root: the back office is not under /api/v1.' }];
const security = [{ backOffice: [] }];
const text = (description: string) => ({ description, content: { 'text/plain': { schema: { type: 'string' } } } });
const errorBody = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
/** Every answer of the back office: its pages send their origin with their own forms' POSTs, which a move must carry. */
const referrerPolicy = {
  'Referrer-Policy': { description: `${BACK_OFFICE_REFERRER_POLICY}: the origin goes with the back office's own POSTs only.`, schema: { type: 'string', const: BACK_OFFICE_REFERRER_POLICY } },
};
const signIn = {
  ...text('No or wrong credentials: "Sign in to the back office."'),
  headers: {
    ...referrerPolicy,
    'WWW-Authenticate': { description: 'Basic, realm "Xizmat back office".', required: true, schema: { type: 'string', pattern: '^Basic ' } },
  },
};
const lockedOut = {
  ...text(`${FREE_FAILURES} wrong passwords from this source address within the hour: every request from it (the right password too) waits, a minute and doubling up to an hour.`),
  headers: { ...referrerPolicy, ...retryAfter },
};
const noStore = { 'Cache-Control': { description: 'no-store', schema: { type: 'string', const: 'no-store' } } };
const HOUR_MS = 60 * 60 * 1000;
const messageField = (locale: string) => ({
  type: 'string', description: `The agency's message in ${locale}; trimmed, cut at ${STATUS_MESSAGE_MAX_CHARS} characters, left out when empty.`,
});

export const backOfficePaths = {
  '/back-office': {
    servers: siteRoot,
    get: {
      summary: 'The back office: applications (newest first, filtered), a form to move each, and feedback per service.',
      description:
        `The page carries a CSRF token for the moves it offers: in <meta name="csrf-token"> and in a hidden "${CSRF_FIELD}" ` +
        `field of each move form. A token is good for ${CSRF_TOKEN_TTL_MS / HOUR_MS} hours on every instance that shares XIZMAT_ADMIN_TOKEN.`,
      security,
      parameters: [
        { name: 'q', in: 'query', required: false, schema: { type: 'string' }, description: 'An application number, id or local reference; at most once.' },
        { name: 'status', in: 'query', required: false, schema: { type: 'string' }, description: 'Only applications in this status; anything else lists all. At most once.' },
        { name: 'notice', in: 'query', required: false, schema: { type: 'string' }, description: 'A line about the last move, shown at the top (set by the move\'s redirect); at most once.' },
      ],
      responses: {
        200: {
          description: 'The page: server-written HTML without scripts, under a Content-Security-Policy of its own.',
          headers: {
            ...noStore, ...referrerPolicy,
            'Content-Security-Policy': { description: 'No scripts; forms post to this origin only; no framing.', required: true, schema: { type: 'string' } },
          },
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        400: { ...errorBody('bad_request: q, status or notice given more than once.'), headers: referrerPolicy },
        401: signIn,
        429: lockedOut,
      },
    },
  },
  '/back-office/move': {
    servers: siteRoot,
    post: {
      summary: 'Moves one application to another status, with an optional message per locale; back to the page.',
      description:
        `Only from a page of the back office: the page's CSRF token in "${CSRF_FIELD}", and, when the request names where it comes ` +
        'from (Origin, Sec-Fetch-Site), this host and the same origin. A request that names neither is no browser\'s, so no forgery.',
      security,
      parameters: [
        {
          name: 'Origin', in: 'header', required: false, schema: { type: 'string' },
          description: 'Sent by browsers: it must name this host; "null" or another origin is refused.',
        },
        {
          name: 'Sec-Fetch-Site', in: 'header', required: false, schema: { type: 'string' },
          description: 'Sent by browsers: anything but "same-origin" is refused.',
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object', required: [CSRF_FIELD, 'application', 'to'],
              properties: {
                [CSRF_FIELD]: { type: 'string', pattern: CSRF_TOKEN.source, description: 'The CSRF token of the page the form is on.' },
                application: { type: 'string', minLength: 1, description: 'The application\'s id, number or local reference.' },
                to: { enum: APPLICATION_STATUSES },
                uz: messageField('uz'), 'uz-Cyrl': messageField('uz-Cyrl'), ru: messageField('ru'), en: messageField('en'),
              },
            },
          },
        },
      },
      responses: {
        303: {
          description: 'Done or not done (no such application, a move the lifecycle has not): the notice in Location says which.',
          headers: {
            ...referrerPolicy,
            Location: { description: '/back-office?notice=…', required: true, schema: { type: 'string', pattern: '^/back-office\\?notice=' } },
          },
        },
        400: {
          description:
            'No application or no status named, or a field that is not a single string (JSON numbers, lists, objects) (text); ' +
            'or a body that is not well-formed (ErrorBody malformed_json). Nothing moved.',
          content: { 'text/plain': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
          headers: referrerPolicy,
        },
        401: signIn,
        403: {
          ...text(`No CSRF token of a back-office page (none, forged, or over ${CSRF_TOKEN_TTL_MS / HOUR_MS} hours old), or an Origin or Sec-Fetch-Site of another site or "null". Nothing moved.`),
          headers: referrerPolicy,
        },
        413: errorBody(`body_too_large: over ${MAX_BODY_BYTES} bytes.`),
        415: errorBody('unsupported_media_type: a body type the server does not read.'),
        429: lockedOut,
      },
    },
  },
} as const;

export const backOfficeSecuritySchemes = {
  backOffice: {
    type: 'http', scheme: 'basic',
    description:
      `HTTP Basic with the user name "${BACK_OFFICE_USER}" and XIZMAT_ADMIN_TOKEN as the password (at least ${MIN_ADMIN_TOKEN_CHARS} ` +
      'characters, or the server does not start); without that setting there is no back office.',
  },
} as const;
