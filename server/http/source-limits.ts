import type { FastifyRequest } from 'fastify';
import { rateLimiter } from './rate-limit';
import type { LimitGroup, RequestLimits } from './request-limits';
import { sourceKey } from './source-address';

/** Counts requests (or feedback items) per group, per source address and overall; see RequestLimits. */
export interface SourceLimits {
  /** Counts one under `group` for this request's source; the seconds to wait when over either limit, else 0. */
  take(group: LimitGroup, request: FastifyRequest): number;
}

export function sourceLimits(limits: RequestLimits, now: () => number): SourceLimits {
  const counters = new Map(Object.entries(limits.groups).map(([group, limit]) => [group, {
    perSource: rateLimiter(limit.perSource, now),
    overall: rateLimiter(limit.overall, now),
  }]));
  return {
    take(group, request) {
      const counter = counters.get(group)!;
      // One source over its own limit is refused before it counts against everyone's.
      return counter.perSource.take(sourceKey(request.ip)) || counter.overall.take('all');
    },
  };
}
