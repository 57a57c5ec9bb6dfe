import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, STATUSES_PAGE_SIZE, type StatusChange, type StatusesResponse } from '../../src/contract/index';
import { NO_STORE } from '../http/cache-control';
import { HttpError } from '../http/api-error';
import type { Storage, StoredStatusChange } from '../storage/storage';
import { deviceHashOf } from '../submissions/device-hash';
import { sealedReopen } from '../submissions/seal-reply';

const CURSOR = /^\d{1,15}$/;

/**
 * GET /statuses?since={cursor}: the current status of every application this phone sent whose
 * status changed after the cursor, in one request, so a phone on 2G pays one round trip. Answered
 * only to the device key the applications came with, so nobody else learns anything from an id or a
 * number.
 */
export async function statusRoutes(app: FastifyInstance, { storage, payLink }: { storage: Storage; payLink: PayLink }) {
  app.get<{ Querystring: { since?: string } }>('/statuses', async (request, reply) => {
    const deviceHash = deviceHashOf(request);
    if (!deviceHash) throw new HttpError(401, ERROR_CODES.deviceKeyRequired, 'Send this phone\'s device key to read its statuses.');
    const since = request.query.since ?? '0';
    if (!CURSOR.test(since)) throw new HttpError(400, ERROR_CODES.badRequest, '"since" must be a cursor from an earlier answer.');
    const page = await storage.statusChanges(deviceHash, Number(since), STATUSES_PAGE_SIZE);
    const changes = await Promise.all(page.changes.map((change) => toWire(change, payLink)));
    void reply.header('cache-control', NO_STORE);
    return { changes, cursor: String(page.cursor), more: page.more } satisfies StatusesResponse;
  });
}

/** The address a payment app opens for an invoice (payments/payme-settings.ts), or null without a provider. */
export type PayLink = (reference: string, amountTiyin: number) => string | null;

/**
 * A returned application's answers leave only sealed to the reply key it carried; without one, none
 * leave. An invoice leaves with its pay link while it is open.
 */
async function toWire({ reopen, invoice, ...change }: StoredStatusChange, payLink: PayLink): Promise<StatusChange> {
  const reopenSealed = reopen ? await sealedReopen(change.id, reopen, reopen.replyKey) : null;
  const wire: StatusChange = reopenSealed ? { ...change, reopenSealed } : change;
  if (invoice) wire.invoice = { ...invoice, payLink: invoice.state === 'open' ? payLink(invoice.reference, invoice.amountTiyin) : null };
  return wire;
}
