/**
 * True when a write failed because the origin is out of space. Chromium raises
 * QuotaExceededError, and inside a transaction it arrives wrapped in an AbortError (Dexie keeps
 * the cause as `inner`), so look through the chain.
 */
export function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.name === 'QuotaExceededError') return true;
    e = (e.inner ?? e.cause) as typeof e;
  }
  return false;
}
