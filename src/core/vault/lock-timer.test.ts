import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_AFTER_MS, lockTimer } from './lock-timer';

const T = 1_800_000_000_000;

describe('lockTimer', () => {
  it('stays open while the person is active and says how long is left', () => {
    expect(lockTimer(T, T)).toEqual({ locked: false, msLeft: AUTO_LOCK_AFTER_MS });
    expect(lockTimer(T, T + 60_000)).toEqual({ locked: false, msLeft: AUTO_LOCK_AFTER_MS - 60_000 });
  });

  it('locks after five idle minutes', () => {
    expect(AUTO_LOCK_AFTER_MS).toBe(5 * 60 * 1000);
    expect(lockTimer(T, T + AUTO_LOCK_AFTER_MS - 1).locked).toBe(false);
    expect(lockTimer(T, T + AUTO_LOCK_AFTER_MS)).toEqual({ locked: true, msLeft: 0 });
  });

  it('locks when the clock is set back, but not for a second of drift', () => {
    expect(lockTimer(T, T - 1_000).locked).toBe(false);
    expect(lockTimer(T, T - 60 * 60_000).locked).toBe(true);
  });
});
