import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../src/contract/index';
import { registerApiGuard } from './auth/api-guard';
import type { AuthContext } from './auth/auth-context';
import { DEFAULT_PASSWORD_CHECKS, type PasswordCheckLimits } from './auth/password-check-gate';
import { loadServerKeys, type ServerKeySettings } from './auth/server-keys';
import { backOfficeRoutes } from './back-office/back-office-routes';
import type { Content } from './content/content';
import { NO_STORE } from './http/cache-control';
import { answerClientError } from './http/client-error';
import { handleError, handleFrameworkError } from './http/error-handler';
import { notFoundHandler } from './http/not-found-handler';
import type { RateLimit } from './http/rate-limit';
import { requestLimits, type GroupLimit, type LimitGroup } from './http/request-limits';
import { routePath } from './http/route-path';
import { BACK_OFFICE_CSP, BACK_OFFICE_REFERRER_POLICY, SECURITY_HEADERS, appContentSecurityPolicy } from './http/security-headers';
import { registerStaticApp } from './http/static-app';
import type { IdentityProvider } from './identity/identity-provider';
import { mountStandInIdentity } from './identity/stand-in-identity';
import { contentRoutes } from './routes/content-routes';
import { deviceRoutes } from './routes/device-routes';
import { identityRoutes } from './routes/identity-routes';
import { authRoutes } from './routes/auth-routes';
import { readAppShell } from './pages/app-shell';
import { loadPageRenderer } from './pages/load-page-renderer';
import { pageRoutes } from './pages/page-routes';
import { openApiRoute } from './routes/openapi-route';
import { operatorRoutes } from './routes/operator-routes';
import { registerInvoiceSweep } from './payments/invoice-sweep';
import { paymeRoutes } from './payments/payme-routes';
import { loadPaymeSettings, paymeLink, type PaymeEnv } from './payments/payme-settings';
import { statusRoutes } from './routes/status-routes';
import { submissionRoutes } from './routes/submission-routes';
import type { Storage } from './storage/storage';
import { registerFaultHooks } from './test-mode/fault-hooks';
import { registerRequestTally } from './test-mode/request-tally';
import type { TestClock } from './test-mode/test-clock';
import { localAttachmentStore } from './uploads/local-attachment-store';
import { DEFAULT_UPLOAD_EXPIRY_MS, uploadRoutes, type UploadQuota } from './uploads/upload-routes';

/** A full batch at 2G upload speed (~20 kbit/s) takes ~100 s; a request still open after this is abandoned. */
const REQUEST_TIMEOUT_MS = 120_000;
/** Below ~1 KB compression saves less than its headers and CPU cost. */
const COMPRESS_THRESHOLD_BYTES = 1024;
export const API_PREFIX = '/api/v1';

export interface BuildAppOptions {
  /** Catalogue, forms and reference lists, loaded and checked (see loadContent). */
  content: Content;
  /** Where applications are stored; the caller opens it and closes it after app.close(). */
  storage: Storage;
  /** The built app (Vite's dist/). Without index.html there, the API still works and navigations get 503. */
  distDir: string;
  /** Fastify's logger option; off when omitted (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Chaos suite only (XIZMAT_TEST_FAULTS=1): injectable server faults. Never in production. */
  testFaults?: boolean;
  /** Where attachment uploads are kept (localAttachmentStore); instances behind one balancer share it. None: no upload routes. */
  uploadsDir?: string;
  /** How long after it began an unfinished upload is removed (DEFAULT_UPLOAD_EXPIRY_MS), and what one phone may leave unfinished (DEFAULT_UPLOAD_QUOTA). */
  uploads?: { expiryMs?: number; quota?: UploadQuota };
  /** The back office's password (XIZMAT_ADMIN_TOKEN, at least MIN_ADMIN_TOKEN_CHARS); without it there is no back office. */
  adminToken?: string;
  /** XIZMAT_SEAL_KEY and XIZMAT_TOKEN_SECRET; without them the keys kept in the database (made on first start). */
  serverKeys?: ServerKeySettings;
  /** The clock of tokens, sign-in lock-outs and rate limits; tests move it instead of sleeping. */
  now?: () => Date;
  /** Chaos suite only: the clock behind `now`, which the suite moves forward over HTTP (server/test-mode/test-clock.ts). */
  testClock?: TestClock;
  /** Requests per phone and per operator (DEFAULT_REQUEST_LIMITS.perPhone). */
  rateLimit?: RateLimit;
  /** Request limits per source address and overall, for the groups given (DEFAULT_REQUEST_LIMITS.groups for the rest). */
  sourceLimits?: Partial<Record<LimitGroup, GroupLimit>>;
  /**
   * Fastify's trustProxy (XIZMAT_TRUST_PROXY): which proxies' X-Forwarded-For to believe, as a hop
   * count or a list of addresses and CIDRs. Without it request.ip is the TCP peer.
   */
  trustProxy?: number | string[];
  /** Password checks at once and waiting (DEFAULT_PASSWORD_CHECKS); past them a sign-in is answered 503 server_busy. */
  passwordChecks?: PasswordCheckLimits;
  /** XIZMAT_PAYME_*: a real Payme cashbox; without them the stand-in (payments/payme-settings.ts). */
  paymeEnv?: PaymeEnv;
  /** Who vouches for citizens (XIZMAT_ONEID_* or XIZMAT_OIDC_*, identity/identity-settings.ts); without it the stand-in OneID on this server. */
  identity?: { provider: IdentityProvider };
}

const NO_PAYME_ENV: PaymeEnv = { merchantId: null, key: null, checkoutUrl: null, sources: null };

/** The whole HTTP app, ready to listen; tests start it on port 0. */
export async function buildApp({
  content, storage, distDir, logger = false, testFaults = false, uploadsDir, adminToken, serverKeys = {}, now = () => new Date(), rateLimit,
  sourceLimits, trustProxy, passwordChecks = DEFAULT_PASSWORD_CHECKS, uploads = {}, testClock, paymeEnv = NO_PAYME_ENV, identity,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger, bodyLimit: MAX_BODY_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, ...trustedProxies(trustProxy),
    frameworkErrors: handleFrameworkError, clientErrorHandler: answerClientError,
  });
  app.setErrorHandler(handleError);
  app.addHook('onSend', defaultHeaders(shellPolicy(distDir)));
  closeConnectionsWhenStopping(app);
  if (testFaults) registerRequestTally(app);
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD_BYTES,
    // Browsers can gzip a request body with CompressionStream; brotli is not available to them.
    requestEncodings: ['gzip'],
  });
  const auth: AuthContext = { operators: storage.operators, keys: await loadServerKeys(storage.operators, serverKeys, now), now };
  const limits = registerApiGuard(app, { auth, prefix: API_PREFIX, limits: requestLimits(rateLimit, sourceLimits) });
  if (testFaults) await registerFaultHooks(app, auth.keys);
  if (testFaults && testClock) testClock.register(app);
  await app.register(contentRoutes, { prefix: API_PREFIX, content, storage });
  await app.register(submissionRoutes, { prefix: API_PREFIX, content, storage, auth, limits });
  await app.register(authRoutes, { prefix: API_PREFIX, auth, passwordChecks });
  await app.register(operatorRoutes, { prefix: API_PREFIX, auth });
  await app.register(deviceRoutes, { prefix: API_PREFIX, storage });
  const payme = await loadPaymeSettings(paymeEnv, storage.operators, now);
  await app.register(statusRoutes, { prefix: API_PREFIX, storage, payLink: (reference, amount) => paymeLink(payme, reference, amount), now });
  await app.register(paymeRoutes, { prefix: API_PREFIX, storage, content, settings: payme });
  registerInvoiceSweep(app, storage.payments);
  const provider = identity?.provider ?? await mountStandInIdentity(app);
  await app.register(identityRoutes, { prefix: API_PREFIX, citizens: storage.citizens, provider, now });
  if (adminToken) await app.register(backOfficeRoutes, { storage, token: adminToken, now });
  await app.register(openApiRoute, { prefix: API_PREFIX });
  if (uploadsDir) {
    await uploadRoutes(app, {
      store: localAttachmentStore(uploadsDir), prefix: API_PREFIX, openingKey: auth.keys.openingKey,
      expiryMs: uploads.expiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS, quota: uploads.quota, now,
    });
  }
  // First visits get their page rendered here (the home page, each service's form) when the build has
  // the page renderer; without it, or for any other path, the app shell.
  const shell = readAppShell(distDir);
  const renderer = shell ? await loadPageRenderer(distDir) : null;
  if (shell && renderer) await app.register(pageRoutes, { content, renderer, shell });
  const appBuilt = await registerStaticApp(app, distDir);
  if (!appBuilt) app.log.warn(`no index.html in ${distDir}: serving the API only until \`npm run build\` and a restart`);
  app.setNotFoundHandler(notFoundHandler({ appBuilt }));
  return app;
}

/** Fastify's trustProxy for a hop count (the nearest `hops` proxies) or a list of addresses and CIDRs. */
function trustedProxies(trustProxy: number | string[] | undefined): Pick<FastifyServerOptions, 'trustProxy'> {
  if (trustProxy === undefined) return {};
  if (typeof trustProxy !== 'number') return { trustProxy };
  return { trustProxy: (_address: string, hop: number) => hop < trustProxy };
}

/**
 * While stopping, answers carry `Connection: close`: a keep-alive client would otherwise hold its
 * socket open after its last answer and delay the shutdown by up to the keep-alive timeout.
 */
function closeConnectionsWhenStopping(app: FastifyInstance) {
  let stopping = false;
  app.addHook('preClose', async () => {
    stopping = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (stopping) reply.header('Connection', 'close');
    return payload;
  });
}

/**
 * Security headers on everything, a Content-Security-Policy on every page, no-store on the API by
 * default (answers that set no caching rule of their own are personal or errors). Judged by the
 * route matched, so an escaped spelling of a path gets the same headers.
 */
function defaultHeaders(shellCsp: string | null) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.headers(SECURITY_HEADERS);
    const path = routePath(request);
    const backOffice = path === '/back-office' || path.startsWith('/back-office/');
    if (backOffice) reply.header('Referrer-Policy', BACK_OFFICE_REFERRER_POLICY);
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      const csp = backOffice ? BACK_OFFICE_CSP : shellCsp;
      // A page of its own (the stand-in OneID's) brings the policy that fits it; every other page gets the shell's.
      if (csp && !reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', csp);
    }
    if (path.startsWith('/api/') && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', NO_STORE);
    return payload;
  };
}

/** The shell's policy, from the inline blocks of the index.html this server will serve; null before a build. */
function shellPolicy(distDir: string): string | null {
  const index = join(distDir, 'index.html');
  return existsSync(index) ? appContentSecurityPolicy(readFileSync(index, 'utf8')) : null;
}
