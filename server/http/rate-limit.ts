/** How many keys a limiter remembers before it drops the expired ones. */
const SWEEP_AT_KEYS = 10_000;

export interface RateLimit {
  /** Requests allowed per key in one window. */
  max: number;
  windowMs: number;
}

/**
 * Fixed-window request counts per key (a device hash or an operator id), in this instance's memory:
 * behind a balancer each instance counts on its own, which is enough to stop one runaway phone.
 */
export function rateLimiter({ max, windowMs }: RateLimit, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one request; the seconds to wait when it is over the limit, else 0. */
    take(key: string): number {
      const at = now();
      if (windows.size >= SWEEP_AT_KEYS) {
        for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
      }
      let window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      return window.count > max ? Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)) : 0;
    },
  };
}
