import { APPLICATION_STATUSES, MAX_BODY_BYTES, STATUS_MESSAGE_MAX_CHARS } from '../src/contract/index';
import { BACK_OFFICE_USER } from './back-office/back-office-routes';

// The back office (server/back-office): HTML pages for the agency's staff, beside the API rather
// than under /api/v1, so each path names the site root as its server. Merged into server/openapi.ts.

const siteRoot = [{ url: '/', description: 'The site root: the back office is not under /api/v1.' }];
const security = [{ backOffice: [] }];
const text = (description: string) => ({ description, content: { 'text/plain': { schema: { type: 'string' } } } });
const errorBody = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
const signIn = {
  ...text('No or wrong credentials: "Sign in to the back office."'),
  headers: { 'WWW-Authenticate': { description: 'Basic, realm "Xizmat back office".', required: true, schema: { type: 'string', pattern: '^Basic ' } } },
};
const noStore = { 'Cache-Control': { description: 'no-store', schema: { type: 'string', const: 'no-store' } } };
const messageField = (locale: string) => ({
  type: 'string', description: `The agency's message in ${locale}; trimmed, cut at ${STATUS_MESSAGE_MAX_CHARS} characters, left out when empty.`,
});

export const backOfficePaths = {
  '/back-office': {
    servers: siteRoot,
    get: {
      summary: 'The back office: applications (newest first, filtered), a form to move each, and feedback per service.',
      security,
      parameters: [
        { name: 'q', in: 'query', required: false, schema: { type: 'string' }, description: 'An application number, id or local reference.' },
        { name: 'status', in: 'query', required: false, schema: { type: 'string' }, description: 'Only applications in this status; anything else lists all.' },
        { name: 'notice', in: 'query', required: false, schema: { type: 'string' }, description: 'A line about the last move, shown at the top (set by the move\'s redirect).' },
      ],
      responses: {
        200: {
          description: 'The page: server-written HTML without scripts, under a Content-Security-Policy of its own.',
          headers: { ...noStore, 'Content-Security-Policy': { description: 'No scripts; forms post to this origin only.', required: true, schema: { type: 'string' } } },
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        401: signIn,
      },
    },
  },
  '/back-office/move': {
    servers: siteRoot,
    post: {
      summary: 'Moves one application to another status, with an optional message per locale; back to the page.',
      security,
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object', required: ['application', 'to'],
              properties: {
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
          headers: { Location: { description: '/back-office?notice=…', required: true, schema: { type: 'string', pattern: '^/back-office\\?notice=' } } },
        },
        400: {
          description: 'No application or no status named (text), or a body that is not well-formed (ErrorBody malformed_json).',
          content: { 'text/plain': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        },
        401: signIn,
        413: errorBody(`body_too_large: over ${MAX_BODY_BYTES} bytes.`),
        415: errorBody('unsupported_media_type: a body type the server does not read.'),
      },
    },
  },
} as const;

export const backOfficeSecuritySchemes = {
  backOffice: {
    type: 'http', scheme: 'basic',
    description: `HTTP Basic with the user name "${BACK_OFFICE_USER}" and XIZMAT_ADMIN_TOKEN as the password; without that setting there is no back office.`,
  },
} as const;
