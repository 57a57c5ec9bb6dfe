import type { FastifyInstance } from 'fastify';
import type { Content } from '../content/content';
import { NO_STORE } from '../http/cache-control';
import type { Storage } from '../storage/storage';
import { moveOnWhenPaid } from './move-on-when-paid';
import { answerPayme, failure } from './payme-merchant';
import { isAllowedSource, type PaymeSettings } from './payme-settings';

/** Where Payme calls, under the API prefix: the Endpoint URL to set in the cashbox. */
export const PAYME_PATH = '/api/v1/payments/payme';
/** Payme's calls are a few hundred bytes; anything near this is not Payme. */
export const PAYME_BODY_MAX_BYTES = 16 * 1024;

/**
 * POST /payments/payme: Payme's Merchant API endpoint (payme-merchant.ts). In a scope of its own so
 * that a body that is not JSON reaches the protocol (error -32700 in a 200) instead of the app's
 * 400, and so that every answer is a 200, as Payme requires.
 */
export async function paymeRoutes(app: FastifyInstance, { storage, content, settings }: { storage: Storage; content: Content; settings: PaymeSettings }) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: PAYME_BODY_MAX_BYTES }, (_request, body, done) => done(null, body));
  app.post('/payments/payme', { bodyLimit: PAYME_BODY_MAX_BYTES }, async (request, reply) => {
    void reply.header('cache-control', NO_STORE);
    // Only Payme's published addresses may call a real cashbox; the stand-in's key is enough for it.
    if (!isAllowedSource(settings, request.ip)) return failure(null, 'unauthorised');
    const body = typeof request.body === 'string' ? request.body : '';
    return answerPayme(body, request.headers.authorization, settings, storage.payments, (invoice) => moveOnWhenPaid(invoice, content, storage));
  });
}
