import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApplicationStatus, LOCALES, STATUS_MESSAGE_MAX_CHARS, type StatusMessage } from '../../src/contract/index';
import { backOfficeSubjects, lockedForSeconds, recordFailure } from '../auth/login-throttle';
import { queryOnce, type QueryValue } from '../http/query-once';
import { sourceKey } from '../http/source-address';
import type { Storage } from '../storage/storage';
import { backOfficePage } from './back-office-page';
import { csrfTokens } from './csrf-token';

/** Rows on one page of the back office. */
const LIST_LIMIT = 100;
/** The user name the browser's sign-in box asks for; the password is XIZMAT_ADMIN_TOKEN. */
export const BACK_OFFICE_USER = 'admin';
/** The form field that carries the page's CSRF token. */
export const CSRF_FIELD = 'csrf';
/** The back office's password is a generated secret: 32 characters are 190+ bits from a password generator. */
export const MIN_ADMIN_TOKEN_CHARS = 32;
const FORM = 'application/x-www-form-urlencoded';

interface BackOfficeOptions {
  storage: Storage;
  /** XIZMAT_ADMIN_TOKEN, at least MIN_ADMIN_TOKEN_CHARS long. */
  token: string;
  /** The clock of CSRF tokens and of the lock-out after wrong passwords. */
  now: () => Date;
}

/**
 * /back-office: list, find and move applications, read feedback per service (README.md, "Statuses,
 * the back office and the admin command"). Behind HTTP Basic auth with the admin token; without a
 * token configured it does not exist at all. Wrong passwords lock the source address out for a
 * while (counted in the database, so across instances), and a move must come from a page of this
 * origin: its Origin, its CSRF token.
 */
export async function backOfficeRoutes(app: FastifyInstance, { storage, token, now }: BackOfficeOptions) {
  if (token.length < MIN_ADMIN_TOKEN_CHARS) throw new Error(`XIZMAT_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_CHARS} characters.`);
  const csrf = csrfTokens(token);
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onRequest', async (request, reply) => {
    const subjects = backOfficeSubjects(sourceKey(request.ip));
    const wait = await lockedForSeconds(storage.operators, subjects, now());
    if (wait > 0) return reply.code(429).header('retry-after', String(wait)).type('text/plain; charset=utf-8').send(`Too many wrong passwords from here; try again in ${wait} s.`);
    if (authorised(request, token)) return;
    // No credentials at all is the browser asking who it is; only a wrong password counts.
    if (request.headers.authorization !== undefined) await recordFailure(storage.operators, subjects, now());
    return reply.code(401).header('www-authenticate', 'Basic realm="Xizmat back office", charset="UTF-8"').send('Sign in to the back office.');
  });

  app.get<{ Querystring: { q?: QueryValue; status?: QueryValue; notice?: QueryValue } }>('/back-office', async (request, reply) => {
    // The API's rule: a parameter given twice is a 400, never a list to search or show.
    const asked = queryOnce(request.query.status, 'status');
    const status = isApplicationStatus(asked) ? asked : undefined;
    const text = queryOnce(request.query.q, 'q')?.trim() || undefined;
    const notice = queryOnce(request.query.notice, 'notice');
    const [applications, invoices, feedback] = await Promise.all([
      storage.findApplications({ status, text, limit: LIST_LIMIT }),
      storage.payments.invoices({ limit: LIST_LIMIT }),
      storage.feedbackSummaries(),
    ]);
    return page(reply, backOfficePage({ applications, invoices, feedback, filter: { status, text }, notice, csrfToken: csrf.issue(now()) }));
  });

  app.post<{ Body: unknown }>('/back-office/move', async (request, reply) => {
    if (!fromThisOrigin(request)) return refuse(reply, 403, 'Moves are taken only from the back office\'s own pages.');
    if (!csrf.valid((request.body as Record<string, unknown> | null)?.[CSRF_FIELD], now())) {
      return refuse(reply, 403, 'This page is too old or not ours; reload the back office and try again.');
    }
    const body = formFields(request.body);
    const to = body?.to;
    if (!body || typeof body.application !== 'string' || body.application === '' || !isApplicationStatus(to)) {
      return refuse(reply, 400, 'Choose an application and a status.');
    }
    const message: StatusMessage = {};
    for (const locale of LOCALES) {
      const text = body[locale]?.trim();
      if (text) message[locale] = [...text].slice(0, STATUS_MESSAGE_MAX_CHARS).join('');
    }
    const moved = await storage.moveStatus({
      application: body.application, to, message: Object.keys(message).length > 0 ? message : null, actor: 'back-office',
    });
    const notice = moved.kind === 'moved' ? `${moved.change.number} moved to ${moved.change.status}`
      : moved.kind === 'invalid' ? `Not moved: an application that is ${moved.from} cannot become ${to}`
        : 'Not moved: no such application';
    return reply.code(303).header('location', `/back-office?notice=${encodeURIComponent(notice)}`).send();
  });
}

function authorised(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const expected = Buffer.from(`${BACK_OFFICE_USER}:${token}`);
  const given = Buffer.from(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A browser names the page a POST comes from (Origin, and Sec-Fetch-Site where it has it); the
 * back office's pages send their origin (Referrer-Policy: same-origin). "null", another origin or
 * another site is refused. A request with neither header is no browser's, so no forgery.
 */
function fromThisOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/** A form's fields when every one is a single string (what URLSearchParams gives), else null. */
function formFields(body: unknown): Record<string, string | undefined> | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  return Object.values(body).every((value) => typeof value === 'string') ? body as Record<string, string> : null;
}

function refuse(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

function page(reply: FastifyReply, html: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
