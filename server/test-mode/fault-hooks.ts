import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ERROR_CODES, type FieldProblem } from '../../src/contract/index';
import type { ServerKeys } from '../auth/server-keys';
import { openSealedBatch, withReopen } from '../submissions/open-sealed-batch';

/**
 * Server faults for the chaos suite (test/chaos). Registered only when XIZMAT_TEST_FAULTS=1 and
 * NODE_ENV=test (readConfig refuses to start otherwise); never in production, since a queued
 * 'reject-fields' fault answers with what sealed items hold. Each POST of a submissions batch
 * takes the next fault from the queue.
 */
type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'html200' }
  | { kind: 'delay'; ms: number }
  | { kind: 'after-commit-destroy' }
  | { kind: 'after-commit-500' }
  | { kind: 'reject-fields'; fields: FieldProblem[] };

interface SubmissionAttempt {
  at: number;
  ids: string[];
  fault: Fault['kind'] | null;
}

export const FAULTS_PATH = '/api/v1/__test/faults';
const SUBMISSIONS_URL = '/api/v1/submissions';

declare module 'fastify' {
  interface FastifyRequest { testFault?: Fault | null }
}

export async function registerFaultHooks(app: FastifyInstance, keys: Pick<ServerKeys, 'openingKey'>): Promise<void> {
  if (process.env.NODE_ENV === 'production') throw new Error('The test fault hooks are never registered with NODE_ENV=production.');
  const queue: Fault[] = [];
  const attempts: SubmissionAttempt[] = [];

  app.post<{ Body: { faults: Fault[] } }>(FAULTS_PATH, async (request) => {
    queue.push(...request.body.faults);
    return { queued: queue.length };
  });
  app.delete(FAULTS_PATH, async () => {
    queue.length = 0;
    attempts.length = 0;
    return { queued: 0 };
  });
  app.get(FAULTS_PATH, async () => ({ queued: queue.length, attempts }));

  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== SUBMISSIONS_URL) return;
    const fault = queue.shift() ?? null;
    request.testFault = fault;
    const ids = ((request.body as { items?: { id?: string }[] } | undefined)?.items ?? []).map((i) => String(i.id));
    attempts.push({ at: Date.now(), ids, fault: fault?.kind ?? null });
    if (!fault) return;
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault.kind === 'status') {
      if (fault.retryAfter) reply.header('Retry-After', fault.retryAfter);
      return reply.code(fault.status).send({ error: { code: ERROR_CODES.internal, message: `test fault ${fault.status}` } });
    }
    if (fault.kind === 'html200') {
      return reply.code(200).type('text/html; charset=utf-8').send('<!doctype html><title>Wi-Fi</title><p>Please log in to use the Wi-Fi.</p>');
    }
    if (fault.kind === 'reject-fields') {
      // As the real route does: a sealed item comes back with what the server opened.
      const { body, sealedIds } = await openSealedBatch(request.body, keys);
      const opened = (body as { items?: { id?: string }[] }).items ?? [];
      const results = await Promise.all(ids.map((id) => withReopen(
        { id, status: 422, error: { code: ERROR_CODES.validationFailed, message: 'test fault', fields: fault.fields } },
        opened.find((item) => item.id === id), sealedIds,
      )));
      return reply.code(200).send({ results });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const fault = request.testFault;
    if (fault?.kind === 'after-commit-destroy') {
      // The batch is committed; the answer never reaches the phone (a tower lost mid-response).
      request.raw.socket.destroy();
    }
    if (fault?.kind === 'after-commit-500') {
      reply.code(500);
      return JSON.stringify({ error: { code: ERROR_CODES.internal, message: 'test fault after commit' } });
    }
    return payload;
  });
}
