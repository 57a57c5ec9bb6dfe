/** First retry after a failed send. */
const RETRY_BASE_MS = 5_000;
/** Never wait longer than this between tries while the app is open: rural coverage comes in short windows. */
export const RETRY_CAP_MS = 15 * 60_000;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"),
 * so that a village's phones do not all retry in the same second when a tower comes back.
 */
export function retryDelay(attempts: number, random: () => number = Math.random, baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Reads Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, RETRY_CAP_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, date - now), RETRY_CAP_MS);
}

/**
 * Whether a wait set at some earlier moment is over. The phone never sets one longer than
 * RETRY_CAP_MS (backoff and Retry-After are both capped), so a wait further away than that was set
 * by a clock that has since been put back (a phone's clock can be years off, then corrected): over,
 * or the item would sit unsent until the wrong date came round again.
 */
export function waitIsOver(until: number | null | undefined, now: number): boolean {
  const at = until ?? 0;
  return at <= now || at - now > RETRY_CAP_MS;
}
