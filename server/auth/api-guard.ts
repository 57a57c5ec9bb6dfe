import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import { rateLimiter, type RateLimit } from '../http/rate-limit';
import { deviceHashOf } from '../submissions/device-hash';
import { verifyAccessToken } from './access-token';
import type { AuthContext } from './auth-context';

/** Per phone and per operator: generous, so a phone draining weeks of queue in batches is never slowed. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 600, windowMs: 60_000 };

/**
 * Before every API request that names a phone or an operator: at most `limit` requests per window
 * for each (429 rate_limited with Retry-After), and nothing at all from a revoked phone (403
 * device_revoked, on every route that takes the device key: submissions, statuses, uploads, device
 * events, sign-in).
 */
export function registerApiGuard(app: FastifyInstance, auth: AuthContext, limit: RateLimit = DEFAULT_RATE_LIMIT) {
  const perDevice = rateLimiter(limit, () => auth.now().getTime());
  const perOperator = rateLimiter(limit, () => auth.now().getTime());
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const deviceHash = deviceHashOf(request);
    const operatorId = operatorOf(request.headers.authorization, auth);
    const wait = Math.max(deviceHash ? perDevice.take(deviceHash) : 0, operatorId ? perOperator.take(operatorId) : 0);
    if (wait > 0) {
      void reply.header('Retry-After', String(wait));
      throw new HttpError(429, ERROR_CODES.rateLimited, `Too many requests; try again in ${wait} s.`);
    }
    if (deviceHash && await auth.operators.isDeviceRevoked(deviceHash)) {
      throw new HttpError(403, ERROR_CODES.deviceRevoked, 'This phone has been revoked; what it keeps needs an office\'s help.');
    }
  });
}

/** The operator a well-signed access token names (expired or not), for counting only; null otherwise. */
function operatorOf(authorization: string | undefined, auth: AuthContext): string | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  const checked = verifyAccessToken(authorization.slice('Bearer '.length), auth.keys.tokenSecret, 0);
  return checked.ok ? checked.claims.sub : null;
}
