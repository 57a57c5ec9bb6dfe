import { describe, expect, it } from 'vitest';
import { MAX_KEYS, rateLimiter } from './rate-limit';

describe('rateLimiter', () => {
  it('lets max requests per key through in a window, then says how long to wait', () => {
    let now = 0;
    const limiter = rateLimiter({ max: 2, windowMs: 10_000 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    now = 4_000;
    expect(limiter.take('a')).toBe(6);
    now = 10_000;
    expect(limiter.take('a')).toBe(0);
  });
});

describe('rateLimiter under a flood of fresh keys', () => {
  it('holds at most MAX_KEYS keys in a window and refuses new ones until the window ends', () => {
    let now = 0;
    const limiter = rateLimiter({ max: 5, windowMs: 60_000 }, () => now);
    for (let i = 0; i < MAX_KEYS; i++) limiter.take(`key-${i}`);
    expect(limiter.take('one more')).toBe(60);
    expect(limiter.take('key-7')).toBe(0);
    now = 60_000;
    expect(limiter.take('one more')).toBe(0);
  });
});
