import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IdentityProvider } from './identity-provider';
import { OneIdProvider } from './oneid-provider';
import { STAND_IN_AUTHORIZATION_PATH, STAND_IN_ONEID_PREFIX, standInOneId } from './stand-in-oneid';

export const STAND_IN_CLIENT_ID = 'xizmat-stand-in';

/**
 * The stand-in OneID on this very server, for local runs and tests, and the OneID adapter pointed at
 * it: the browser is sent to its path, and the server calls it over real HTTP on the address it
 * listens on, known only once it listens (tests listen on port 0). The client secret is made afresh
 * at each start: nothing outside this process needs it.
 */
export async function mountStandInIdentity(app: FastifyInstance): Promise<IdentityProvider> {
  const clientSecret = randomBytes(24).toString('base64url');
  await app.register(standInOneId, { prefix: STAND_IN_ONEID_PREFIX, clientId: STAND_IN_CLIENT_ID, clientSecret });
  const path = `${STAND_IN_ONEID_PREFIX}${STAND_IN_AUTHORIZATION_PATH}`;
  return new OneIdProvider({
    browserUrl: path, serverUrl: () => `${loopbackOrigin(app)}${path}`, clientId: STAND_IN_CLIENT_ID, clientSecret, scope: STAND_IN_CLIENT_ID, standIn: true,
  });
}

/** This server as it can reach itself: its listening address, a wildcard one taken as loopback. */
function loopbackOrigin(app: FastifyInstance): string {
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the stand-in OneID is asked before the server listens');
  if (address.family === 'IPv6') return `http://[${address.address === '::' ? '::1' : address.address}]:${address.port}`;
  return `http://${address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`;
}
