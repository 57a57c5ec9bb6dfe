import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IdentityProvider, SignInStart, VerifiedIdentity } from './identity-provider';
import { OneIdProvider } from './oneid-provider';
import { standInOneId } from './stand-in-oneid';

/** Where the stand-in OneID answers on this server: the path OneID's own address has, under a prefix that says what it is. */
export const STAND_IN_PREFIX = '/stand-in-oneid';
export const STAND_IN_CLIENT_ID = 'xizmat-stand-in';
const AUTHORIZATION_PATH = `${STAND_IN_PREFIX}/sso/oauth/Authorization.do`;

/**
 * The stand-in OneID on this very server, for local runs and tests, and the OneID adapter pointed at
 * it: the browser is sent to its path, and the server calls it over real HTTP on the address it
 * listens on, known only once it listens (tests listen on port 0), so the adapter is made then.
 * The client secret is made afresh at each start: nothing outside this process needs it.
 */
export async function mountStandInIdentity(app: FastifyInstance): Promise<IdentityProvider> {
  const clientSecret = randomBytes(24).toString('base64url');
  await app.register(standInOneId, { prefix: STAND_IN_PREFIX, clientId: STAND_IN_CLIENT_ID, clientSecret });
  let adapter: OneIdProvider | null = null;
  const oneId = (): OneIdProvider => {
    if (adapter) return adapter;
    const address = app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('the stand-in OneID is asked before the server listens');
    const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    adapter = new OneIdProvider({
      browserUrl: AUTHORIZATION_PATH, serverUrl: `http://${host}:${address.port}${AUTHORIZATION_PATH}`,
      clientId: STAND_IN_CLIENT_ID, clientSecret, scope: STAND_IN_CLIENT_ID,
    });
    return adapter;
  };
  return {
    name: 'stand-in-oneid',
    standIn: true,
    begin: (input): Promise<SignInStart> => oneId().begin(input),
    finish: (input): Promise<VerifiedIdentity> => oneId().finish(input),
  };
}
