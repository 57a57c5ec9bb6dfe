import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ERROR_CODES } from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import { rateLimiter } from '../http/rate-limit';
import { limitGroupOf, type LimitGroup, type RequestLimits } from '../http/request-limits';
import { sourceLimits, type SourceLimits } from '../http/source-limits';
import { deviceHashOf } from '../submissions/device-hash';
import { verifyAccessToken } from './access-token';
import type { AuthContext } from './auth-context';

/**
 * Before every API route: its group's limits per source address and overall, then at most
 * `perPhone` requests per phone and per operator (429 rate_limited with Retry-After), and nothing
 * at all from a revoked phone (403 device_revoked, on every route that takes the device key).
 *
 * It is attached to each route under `prefix` as the route is added, so it guards the route
 * the router matched, whatever spelling of the URL reached it (`/%61pi/v1/...`). Register it
 * before the routes. Returns the source limits, for the feedback items counted inside a batch.
 */
export function registerApiGuard(app: FastifyInstance, { auth, prefix, limits }: { auth: AuthContext; prefix: string; limits: RequestLimits }): SourceLimits {
  const clock = () => auth.now().getTime();
  const sources = sourceLimits(limits, clock);
  const perDevice = rateLimiter(limits.perPhone, clock);
  const perOperator = rateLimiter(limits.perPhone, clock);

  const guard = (group: LimitGroup): onRequestHookHandler => async (request, reply) => {
    const deviceHash = deviceHashOf(request);
    const operatorId = operatorOf(request.headers.authorization, auth);
    const wait = sources.take(group, request)
      || Math.max(deviceHash ? perDevice.take(deviceHash) : 0, operatorId ? perOperator.take(operatorId) : 0);
    if (wait > 0) {
      void reply.header('Retry-After', String(wait));
      throw new HttpError(429, ERROR_CODES.rateLimited, `Too many requests; try again in ${wait} s.`);
    }
    if (deviceHash && await auth.operators.isDeviceRevoked(deviceHash)) {
      throw new HttpError(403, ERROR_CODES.deviceRevoked, 'This phone has been revoked; what it keeps needs an office\'s help.');
    }
  };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(`${prefix}/`)) return;
    route.onRequest = [guard(limitGroupOf(route.url.slice(prefix.length))), ...[route.onRequest ?? []].flat()];
  });
  return sources;
}

/** The operator a well-signed access token names (expired or not), for counting only; null otherwise. */
function operatorOf(authorization: string | undefined, auth: AuthContext): string | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  const checked = verifyAccessToken(authorization.slice('Bearer '.length), auth.keys.tokenSecret, 0);
  return checked.ok ? checked.claims.sub : null;
}
