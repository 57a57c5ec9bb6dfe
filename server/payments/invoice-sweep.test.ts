import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { PaymentStorage } from '../storage/payment-storage';
import { registerInvoiceSweep } from './invoice-sweep';

/** A store that only counts sweeps, and can fail one. */
function countingStore(failFirst = false) {
  let sweeps = 0;
  const payments = {
    expireInvoices: async () => {
      sweeps++;
      if (failFirst && sweeps === 1) throw new Error('the database is down');
      return 0;
    },
  } as unknown as PaymentStorage;
  return { payments, sweeps: () => sweeps };
}

describe('the invoice sweep', () => {
  it('sweeps when the server is ready, then on its interval, and stops when the server closes', async () => {
    const store = countingStore();
    const app = Fastify();
    registerInvoiceSweep(app, store.payments, 20);
    expect(store.sweeps()).toBe(0);
    await app.ready();
    expect(store.sweeps()).toBe(1);
    await expect.poll(() => store.sweeps(), { timeout: 2_000 }).toBeGreaterThanOrEqual(3);
    await app.close();
    const after = store.sweeps();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.sweeps()).toBe(after);
  });

  it('keeps sweeping after a sweep fails, and a failure does not stop the server starting', async () => {
    const store = countingStore(true);
    const app = Fastify();
    registerInvoiceSweep(app, store.payments, 20);
    await app.ready();
    await expect.poll(() => store.sweeps(), { timeout: 2_000 }).toBeGreaterThanOrEqual(2);
    await app.close();
  });
});
