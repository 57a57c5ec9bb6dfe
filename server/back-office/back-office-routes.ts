import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApplicationStatus, LOCALES, STATUS_MESSAGE_MAX_CHARS, type StatusMessage } from '../../src/contract/index';
import type { Storage } from '../storage/storage';
import { backOfficePage } from './back-office-page';

/** Rows on one page of the back office. */
const LIST_LIMIT = 100;
/** The user name the browser's sign-in box asks for; the password is XIZMAT_ADMIN_TOKEN. */
export const BACK_OFFICE_USER = 'admin';

/**
 * /back-office: list, find and move applications, read feedback per service (issue 9). Behind
 * HTTP Basic auth with the admin token; without a token configured it does not exist at all.
 */
export async function backOfficeRoutes(app: FastifyInstance, { storage, token }: { storage: Storage; token: string }) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!authorised(request, token)) {
      await reply.code(401).header('www-authenticate', 'Basic realm="Xizmat back office", charset="UTF-8"').send('Sign in to the back office.');
    }
  });

  app.get<{ Querystring: { q?: string; status?: string; notice?: string } }>('/back-office', async (request, reply) => {
    const status = isApplicationStatus(request.query.status) ? request.query.status : undefined;
    const text = request.query.q?.trim() || undefined;
    const [applications, feedback] = await Promise.all([
      storage.findApplications({ status, text, limit: LIST_LIMIT }),
      storage.feedbackSummaries(),
    ]);
    return page(reply, backOfficePage({ applications, feedback, filter: { status, text }, notice: request.query.notice }));
  });

  app.post<{ Body: Record<string, string | undefined> }>('/back-office/move', async (request, reply) => {
    const body = request.body ?? {};
    const to = body.to;
    if (!body.application || !isApplicationStatus(to)) return reply.code(400).send('Choose an application and a status.');
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

function page(reply: FastifyReply, html: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
