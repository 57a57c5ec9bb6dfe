import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { CLOCK_PATH, TestClock } from './test-clock';

describe('TestClock', () => {
  it('moves the server clock by the offset asked for, and refuses what is not a whole number of milliseconds', async () => {
    const clock = new TestClock();
    const app = Fastify();
    clock.register(app);
    const before = clock.now().getTime();
    const days30 = 30 * 24 * 3_600_000;
    const moved = await app.inject({ method: 'POST', url: CLOCK_PATH, payload: { offsetMs: days30 } });
    expect(moved.statusCode).toBe(200);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(days30);
    expect(clock.now().getTime() - before).toBeLessThan(days30 + 60_000);
    expect((await app.inject({ method: 'POST', url: CLOCK_PATH, payload: { offsetMs: '1e9' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: CLOCK_PATH, payload: { offsetMs: 0 } })).statusCode).toBe(200);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
    await app.close();
  });
});
