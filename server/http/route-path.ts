import type { FastifyRequest } from 'fastify';

/**
 * The path a request is judged by: the pattern of the route it matched (prefix included, e.g.
 * `/api/v1/uploads/:id`), or, when none matched or only a wildcard did (the built app's files
 * answer `/*`, `/api/v1/./statuses` included), its path with percent-escapes undone. Never the
 * raw URL: the router matches `/%61pi/v1/statuses` to `/api/v1/statuses`, so a check on the raw
 * string would let an escaped path through to the route unchecked.
 */
export function routePath(request: FastifyRequest): string {
  const matched = request.routeOptions.url;
  if (matched !== undefined && !matched.includes('*')) return matched;
  const path = request.url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
