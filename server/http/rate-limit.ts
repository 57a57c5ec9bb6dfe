/**
 * The most keys one limiter counts in a window (a few MB): past it, a key it has not seen is
 * refused until the window ends, so a flood of fresh keys (new device keys, new IPv6 addresses)
 * cannot grow the server's memory without bound.
 */
export const MAX_KEYS = 100_000;

export interface RateLimit {
  /** Requests allowed per key in one window. */
  max: number;
  windowMs: number;
}

/**
 * Request counts per key (a device hash, an operator id, a source address) in fixed windows that
 * all keys share, kept in this instance's memory: behind a balancer each instance counts on its
 * own. A new window forgets every count at once, so no sweep ever walks the keys.
 */
export function rateLimiter({ max, windowMs }: RateLimit, now: () => number = Date.now) {
  const counts = new Map<string, number>();
  let window = Number.NaN;
  return {
    /** Counts one request; the seconds to wait when it is over the limit, else 0. */
    take(key: string): number {
      const at = now();
      const current = Math.floor(at / windowMs);
      if (current !== window) {
        counts.clear();
        window = current;
      }
      const wait = Math.max(1, Math.ceil(((current + 1) * windowMs - at) / 1000));
      const count = counts.get(key);
      if (count === undefined && counts.size >= MAX_KEYS) return wait;
      counts.set(key, (count ?? 0) + 1);
      return (count ?? 0) + 1 > max ? wait : 0;
    },
  };
}
