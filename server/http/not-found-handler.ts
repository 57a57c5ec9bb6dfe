import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES } from '../../src/contract/index';
import { errorBody } from './api-error';
import { JSON_CONTENT_TYPE } from './json-document';
import { routePath } from './route-path';
import { sendAppShell } from './static-app';

/**
 * Answers what no route or file answered. A page navigation (`/outbox`, `/services/x`) gets the
 * app shell so client-side routes work on reload; a missing file or API route gets a JSON 404,
 * never index.html (a script served as HTML would break the page and be cached).
 */
export function notFoundHandler({ appBuilt }: { appBuilt: boolean }) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    if (!isNavigation(request)) {
      return reply.code(404).type(JSON_CONTENT_TYPE).send(errorBody(ERROR_CODES.notFound, `Nothing at ${request.method} ${request.url}.`));
    }
    if (appBuilt) return sendAppShell(reply);
    return reply
      .code(503)
      .type(JSON_CONTENT_TYPE)
      .send(errorBody(ERROR_CODES.appNotBuilt, 'The app is not built: run `npm run build`, then restart the server. The API works meanwhile.'));
  };
}

function isNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  // Unescaped, as the router reads it: `/%61pi/v1/x` is an API path, never a page.
  const path = routePath(request);
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/')) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.') || (request.headers.accept ?? '').includes('text/html');
}
