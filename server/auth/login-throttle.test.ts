import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, lockSeconds, slowSeconds, USERNAME_MAX_WAIT_S } from './login-throttle';

describe('sign-in lock-outs', () => {
  it('start after five failures at a minute and double with each further failure, up to an hour', () => {
    expect(FREE_FAILURES).toBe(5);
    expect([4, 5, 6, 7, 8, 20].map((n) => lockSeconds(n))).toEqual([0, 60, 120, 240, 480, 3600]);
  });

  it('only slow a username, by at most a few seconds however many failures it has', () => {
    expect([9, 10, 11, 12, 13, 14, 1_000].map(slowSeconds)).toEqual([0, 1, 2, 4, 8, 10, 10]);
    expect(USERNAME_MAX_WAIT_S).toBe(10);
  });
});
