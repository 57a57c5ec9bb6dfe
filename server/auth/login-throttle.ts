import type { OperatorStorage } from '../storage/operator-storage';

/** Failed sign-ins are counted over this long (an hour: a typo-prone person is not locked out for the day). */
export const FAILURE_WINDOW_S = 60 * 60;
/** Failures allowed before the first lock-out. */
export const FREE_FAILURES = 5;
/** The first lock-out; each further failure doubles it. */
const FIRST_LOCK_S = 60;
/** The longest lock-out: a guesser gets about a dozen tries an hour per username. */
const MAX_LOCK_S = 60 * 60;

/** How long `failures` failures lock a subject out after the last one: 0 below FREE_FAILURES, then 60 s, 120 s, … up to an hour. */
export function lockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_FAILURES));
}

/** Subjects a sign-in is counted under: the username tried and the phone it came from. */
export function loginSubjects(username: string, deviceHash: string): string[] {
  return [`user:${username}`, `device:${deviceHash}`];
}

/**
 * Seconds until any of `subjects` may try again, 0 when none is locked. Read from the database,
 * so every instance behind the balancer holds the same lock.
 */
export async function lockedForSeconds(operators: OperatorStorage, subjects: string[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_S * 1000).toISOString();
  let wait = 0;
  for (const subject of subjects) {
    const { count, lastAt } = await operators.loginFailures(subject, since);
    if (!lastAt) continue;
    const until = Date.parse(lastAt) + lockSeconds(count) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/** Counts one failure under each subject and drops failures too old to count. */
export function recordFailure(operators: OperatorStorage, subjects: string[], now: Date): Promise<void> {
  return operators.recordLoginFailure(subjects, now.toISOString(), new Date(now.getTime() - FAILURE_WINDOW_S * 1000).toISOString());
}
