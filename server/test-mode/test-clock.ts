import type { FastifyInstance } from 'fastify';

export const CLOCK_PATH = '/api/v1/__test/clock';

/**
 * The server's clock in test mode, which the chaos suite can move forward: a phone that was offline
 * for weeks meets a server whose tokens, upload leases and delegations have aged as much
 * (docs/reliability.md, scenarios 2 and 33). Only with XIZMAT_TEST_FAULTS=1 and NODE_ENV=test.
 */
export class TestClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  register(app: FastifyInstance): void {
    if (process.env.NODE_ENV === 'production') throw new Error('The test clock is never registered with NODE_ENV=production.');
    app.post<{ Body: { offsetMs?: unknown } }>(CLOCK_PATH, async (request, reply) => {
      const offsetMs = request.body?.offsetMs;
      if (typeof offsetMs !== 'number' || !Number.isSafeInteger(offsetMs)) return reply.code(400).send({ error: { code: 'bad_request', message: 'offsetMs: an integer' } });
      this.offsetMs = offsetMs;
      return { offsetMs, now: this.now().toISOString() };
    });
    app.get(CLOCK_PATH, async () => ({ offsetMs: this.offsetMs, now: this.now().toISOString() }));
  }
}
