import type { FastifyInstance } from 'fastify';
import type { PaymentStorage } from '../storage/payment-storage';

/**
 * How often the server looks for invoices past their due time. An expired invoice only needs to
 * be refused before anyone could expect an answer; the provider is refused at once in any case,
 * since a payment is checked against the due time when it is made.
 */
export const INVOICE_SWEEP_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Expires unpaid invoices past their due time and refuses their applications: once when the server
 * is ready, then every INVOICE_SWEEP_INTERVAL_MS. Several instances may sweep at once; each expiry
 * is one transaction under the status lock, so an invoice expires once.
 */
export function registerInvoiceSweep(app: FastifyInstance, payments: PaymentStorage, intervalMs = INVOICE_SWEEP_INTERVAL_MS): void {
  const sweep = async () => {
    try {
      const expired = await payments.expireInvoices();
      if (expired > 0) app.log.info({ expired }, 'invoices past their due time expired; their applications were refused');
    } catch (error) {
      app.log.error({ err: error }, 'invoice sweep failed; it runs again at the next interval');
    }
  };
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => void sweep(), intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
