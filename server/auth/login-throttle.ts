import type { OperatorStorage } from '../storage/operator-storage';

/** Failed sign-ins are counted over this long (an hour: a typo-prone person is not locked out for the day). */
export const FAILURE_WINDOW_S = 60 * 60;
/** Failures allowed before the first lock-out of one username from one address, or of one phone. */
export const FREE_FAILURES = 5;
/** The first lock-out; each further failure doubles it. */
const FIRST_LOCK_S = 60;
/** The longest lock-out: a guesser gets about a dozen tries an hour per username and address. */
const MAX_LOCK_S = 60 * 60;
/** Failures from one address before it is locked out: an office's operators share one address behind its NAT. */
export const SOURCE_FREE_FAILURES = 20;
/** Failures on one username, from anywhere, before its sign-ins are slowed. */
const USERNAME_FREE_FAILURES = 10;
/**
 * The most a username is slowed after a failure: whoever knows a username may keep it slowed,
 * never locked, so its operator is in after a few seconds' wait while a crowd of addresses gets
 * one guess per this many seconds at it.
 */
export const USERNAME_MAX_WAIT_S = 10;

/** A key failures are counted under, and how long a count of them makes the next try wait. */
interface LoginSubject {
  key: string;
  waitAfter(failures: number): number;
  /** Forgotten when a sign-in under it succeeds (the person it stands for got in). */
  clearedOnSuccess: boolean;
}

/** How long `failures` failures lock a subject out after the last one: 0 below `free`, then 60 s, 120 s, … up to an hour. */
export function lockSeconds(failures: number, free = FREE_FAILURES): number {
  if (failures < free) return 0;
  return Math.min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - free));
}

/** How long a username's failures from everywhere slow its next sign-in: 0 below USERNAME_FREE_FAILURES, then 1 s, 2 s, … up to USERNAME_MAX_WAIT_S. */
export function slowSeconds(failures: number): number {
  if (failures < USERNAME_FREE_FAILURES) return 0;
  return Math.min(USERNAME_MAX_WAIT_S, 2 ** Math.min(failures - USERNAME_FREE_FAILURES, 10));
}

/**
 * What a sign-in is counted under: the username from this address and the phone it came from
 * are locked out after a few failures; the address alone after many (a NAT'd office); the
 * username alone is only slowed, so nobody can lock an operator out by knowing their username.
 */
export function loginSubjects(username: string, source: string, deviceHash: string): LoginSubject[] {
  return [
    { key: `user-source:${username}|${source}`, waitAfter: (n) => lockSeconds(n), clearedOnSuccess: true },
    { key: `device:${deviceHash}`, waitAfter: (n) => lockSeconds(n), clearedOnSuccess: true },
    { key: `source:${source}`, waitAfter: (n) => lockSeconds(n, SOURCE_FREE_FAILURES), clearedOnSuccess: false },
    { key: `user:${username}`, waitAfter: slowSeconds, clearedOnSuccess: false },
  ];
}

/** Wrong back-office passwords from one address: locked out as a username from one address is. */
export function backOfficeSubjects(source: string): LoginSubject[] {
  return [{ key: `back-office:${source}`, waitAfter: (n) => lockSeconds(n), clearedOnSuccess: false }];
}

/**
 * Seconds until every one of `subjects` may try again, 0 when none holds a wait. Read from the
 * database, so every instance behind the balancer holds the same lock.
 */
export async function lockedForSeconds(operators: OperatorStorage, subjects: LoginSubject[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_S * 1000).toISOString();
  let wait = 0;
  for (const subject of subjects) {
    const { count, lastAt } = await operators.loginFailures(subject.key, since);
    if (!lastAt) continue;
    const until = Date.parse(lastAt) + subject.waitAfter(count) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/** Counts one failure under each subject and drops failures too old to count. */
export function recordFailure(operators: OperatorStorage, subjects: LoginSubject[], now: Date): Promise<void> {
  const keys = subjects.map((subject) => subject.key);
  return operators.recordLoginFailure(keys, now.toISOString(), new Date(now.getTime() - FAILURE_WINDOW_S * 1000).toISOString());
}

/** Forgets the failures of the subjects a successful sign-in vouches for. */
export async function clearOnSuccess(operators: OperatorStorage, subjects: LoginSubject[]): Promise<void> {
  for (const subject of subjects) if (subject.clearedOnSuccess) await operators.clearLoginFailures(subject.key);
}
