import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerFaultHooks } from './fault-hooks';

const nodeEnv = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = nodeEnv;
});

describe('the test fault hooks', () => {
  it('are never registered with NODE_ENV=production, whatever the caller asks', async () => {
    process.env.NODE_ENV = 'production';
    const app = Fastify();
    await expect(registerFaultHooks(app, { openingKey: async () => null })).rejects.toThrow(/NODE_ENV=production/);
    await app.close();
  });
});
