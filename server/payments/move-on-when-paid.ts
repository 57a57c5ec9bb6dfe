import type { Content } from '../content/content';
import type { InvoiceRecord } from '../storage/payment-storage';
import type { Storage } from '../storage/storage';
import { completeIfAutomated } from '../submissions/complete-if-automated';

/**
 * What follows a payment, once, after it moved the application to "received": an automated service
 * completes; a service whose passport says its agency takes up every paid application goes to
 * "in_progress"; any other waits for an official.
 */
export async function moveOnWhenPaid(invoice: InvoiceRecord, content: Content, storage: Storage): Promise<void> {
  const application = { id: invoice.applicationId, serviceId: invoice.serviceId };
  const service = content.catalogue.services.find((s) => s.id === invoice.serviceId);
  if (service?.automated) return completeIfAutomated(application, content, storage);
  if (service?.afterPayment === 'in_progress') {
    await storage.moveStatus({ application: invoice.applicationId, to: 'in_progress', message: null, actor: 'payment' });
  }
}
