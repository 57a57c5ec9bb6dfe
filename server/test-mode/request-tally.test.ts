import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUESTS_PATH, registerRequestTally, type RequestTally } from './request-tally';

const nodeEnv = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = nodeEnv;
});

describe('the request tally', () => {
  it('counts every request that reaches the server, unknown paths too, and not its own', async () => {
    const app = Fastify();
    registerRequestTally(app);
    app.get('/api/v1/catalogue', async () => ({}));
    await app.inject({ url: '/api/v1/catalogue' });
    await app.inject({ method: 'POST', url: '/api/v1/submissions' });
    await app.inject({ url: REQUESTS_PATH });
    const tally = (await app.inject({ url: REQUESTS_PATH })).json<RequestTally>();
    expect(tally).toEqual({ count: 2, recent: ['GET /api/v1/catalogue', 'POST /api/v1/submissions'] });
    await app.close();
  });

  it('is never registered with NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    const app = Fastify();
    expect(() => registerRequestTally(app)).toThrow(/NODE_ENV=production/);
    await app.close();
  });
});
