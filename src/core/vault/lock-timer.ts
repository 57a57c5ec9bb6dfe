/** Idle time after which an unlocked vault locks itself: a shared phone left on a desk. */
export const AUTO_LOCK_AFTER_MS = 5 * 60_000;
/**
 * A clock that jumps back more than this (someone set the time back) locks at once: otherwise
 * setting the clock back an hour would keep the phone unlocked for that hour.
 */
const CLOCK_BACK_TOLERANCE_MS = 2_000;

/**
 * Whether an unlocked vault should be locked now, given the last user activity (epoch ms), and
 * how long until it will be (for the UI's timer; 0 when locked).
 */
export function lockTimer(lastActivityAt: number, now: number): { locked: boolean; msLeft: number } {
  const idle = now - lastActivityAt;
  const locked = idle >= AUTO_LOCK_AFTER_MS || idle < -CLOCK_BACK_TOLERANCE_MS;
  return { locked, msLeft: locked ? 0 : Math.max(0, AUTO_LOCK_AFTER_MS - Math.max(0, idle)) };
}
