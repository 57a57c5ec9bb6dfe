import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, STATUSES_PAGE_SIZE, type StatusChange, type StatusesResponse } from '../../src/contract/index';
import { NO_STORE } from '../http/cache-control';
import { HttpError } from '../http/api-error';
import { citizenCaller } from '../identity/citizen-caller';
import type { CitizenKeyRecord } from '../storage/citizen-storage';
import type { Storage, StoredStatusChange } from '../storage/storage';
import { deviceHashOf } from '../submissions/device-hash';
import { sealedReopen } from '../submissions/seal-reply';

const CURSOR = /^\d{1,15}$/;

/**
 * GET /statuses?since={cursor}: the current status of every application this phone sent whose
 * status changed after the cursor, in one request, so a phone on 2G pays one round trip. Answered
 * only to the device key the applications came with, so nobody else learns anything from an id or a
 * number; a phone signed in as a citizen, with its signed read, gets every application of that
 * citizen, from whichever phone it came (docs/security.md, "Citizens").
 */
export async function statusRoutes(app: FastifyInstance, { storage, payLink, now = () => new Date() }: { storage: Storage; payLink: PayLink; now?: () => Date }) {
  app.get<{ Querystring: { since?: string } }>('/statuses', async (request, reply) => {
    const deviceHash = deviceHashOf(request);
    if (!deviceHash) throw new HttpError(401, ERROR_CODES.deviceKeyRequired, 'Send this phone\'s device key to read its statuses.');
    const since = request.query.since ?? '0';
    if (!CURSOR.test(since)) throw new HttpError(400, ERROR_CODES.badRequest, '"since" must be a cursor from an earlier answer.');
    const citizen = await citizenCaller(request, deviceHash, storage.citizens, now());
    const page = await storage.statusChanges(deviceHash, Number(since), STATUSES_PAGE_SIZE, citizen?.citizenId ?? null);
    const changes = await Promise.all(page.changes.map((change) => toWire(change, payLink, citizen)));
    void reply.header('cache-control', NO_STORE);
    return { changes, cursor: String(page.cursor), more: page.more } satisfies StatusesResponse;
  });
}

/** The address a payment app opens for an invoice (payments/payme-settings.ts), or null without a provider. */
export type PayLink = (reference: string, amountTiyin: number) => string | null;

/**
 * A returned application's answers leave only sealed to the reply key it carried; without one, none
 * leave. A citizen's own reopens on the phone the citizen asks from, sealed to the reply key that
 * phone gave at sign-in. An invoice leaves with its pay link while it is open.
 */
async function toWire({ reopen, invoice, citizenId, ...change }: StoredStatusChange, payLink: PayLink, caller: CitizenKeyRecord | null): Promise<StatusChange> {
  const replyKey = caller && citizenId === caller.citizenId && caller.replyKey ? caller.replyKey : reopen?.replyKey ?? null;
  const reopenSealed = reopen ? await sealedReopen(change.id, reopen, replyKey) : null;
  const wire: StatusChange = reopenSealed ? { ...change, reopenSealed } : change;
  if (invoice) wire.invoice = { ...invoice, payLink: invoice.state === 'open' ? payLink(invoice.reference, invoice.amountTiyin) : null };
  return wire;
}
