import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, lockSeconds } from './login-throttle';

describe('sign-in lock-outs', () => {
  it('start after five failures at a minute and double with each further failure, up to an hour', () => {
    expect(FREE_FAILURES).toBe(5);
    expect([4, 5, 6, 7, 8, 20].map(lockSeconds)).toEqual([0, 60, 120, 240, 480, 3600]);
  });
});
