import type { FastifyInstance } from 'fastify';
import type { OperatorApplicationsResponse } from '../../src/contract/index';
import { authenticate, type AuthContext } from '../auth/auth-context';
import { REVALIDATE } from '../http/cache-control';
import { sendJsonDocument, toJsonDocument } from '../http/json-document';

/** The most applications one answer lists, newest first. */
export const OPERATOR_APPLICATIONS_LIMIT = 500;

/** GET /operator/applications (Bearer) and GET /seal-key, the public key phones seal applications to. */
export async function operatorRoutes(app: FastifyInstance, { auth }: { auth: AuthContext }) {
  app.get('/operator/applications', async (request) => {
    const { operator } = await authenticate(request, auth);
    const applications = await auth.operators.operatorApplications(operator.id, OPERATOR_APPLICATIONS_LIMIT);
    return { applications } satisfies OperatorApplicationsResponse;
  });

  // The key changes only when the server's key is replaced: ETag lets phones check it for a few bytes.
  const sealKey = toJsonDocument(auth.keys.sealKey);
  app.get('/seal-key', (request, reply) => sendJsonDocument(request, reply, sealKey, REVALIDATE));
}
