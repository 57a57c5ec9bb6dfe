import { describe, expect, it } from 'vitest';
import { rateLimiter } from './rate-limit';

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
