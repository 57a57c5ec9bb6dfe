import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { MIN_ADMIN_TOKEN_CHARS } from './back-office/back-office-routes';
import { readPaymeEnv, type PaymeEnv } from './payments/payme-settings';
import { DEFAULT_REQUEST_LIMITS, type GroupLimit, type LimitGroup } from './http/request-limits';

/** WARNING: frozen. Attachments received so far live here (under DATA_DIR unless UPLOADS_DIR says otherwise), named by their SHA-256. */
const UPLOADS_DIR_NAME = 'uploads';
const HOP_COUNT = /^\d{1,2}$/;
const CIDR = /^(.+)\/(\d{1,3})$/;
const GROUP_LIMIT = /^(\w+)=(\d{1,9})\/(\d{1,9})$/;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /**
   * DATABASE_URL: a PostgreSQL connection string (postgres://user:pass@host:5432/db); several
   * instances may share it. Absent: the embedded SQLite file in dataDir, for one instance.
   */
  databaseUrl: string | null;
  /** UPLOADS_DIR, default dataDir/uploads: instances behind one balancer must all mount the same one. */
  uploadsDir: string;
  distDir: string;
  contentDir: string;
  logLevel: string;
  /** XIZMAT_TEST_FAULTS=1 with NODE_ENV=test: the chaos suite's fault hooks; without NODE_ENV=test the server refuses to start. */
  testFaults: boolean;
  /** XIZMAT_ADMIN_TOKEN: the back office's password (user "admin"); without it there is no back office. */
  adminToken: string | null;
  /** XIZMAT_SEAL_KEY: a private ECDH P-256 JWK phones seal applications to; absent, one made on first start and kept in the database. */
  sealKeyJwk: string | null;
  /** XIZMAT_TOKEN_SECRET: the operators' access tokens' HMAC secret (32+ characters); absent, one made on first start and kept in the database. */
  tokenSecret: string | null;
  /** XIZMAT_TRUST_PROXY: the proxies whose X-Forwarded-For names the client, as a hop count or addresses and CIDRs; absent, none. */
  trustProxy: number | string[] | undefined;
  /** XIZMAT_UPLOAD_EXPIRY_HOURS: how long an unfinished upload is kept after it began; absent, DEFAULT_UPLOAD_EXPIRY_MS. */
  uploadExpiryMs: number | undefined;
  /** XIZMAT_REQUEST_LIMITS: groups whose limits differ from DEFAULT_REQUEST_LIMITS, e.g. "submissions=600/12000". */
  sourceLimits: Partial<Record<LimitGroup, GroupLimit>>;
  /** XIZMAT_PAYME_MERCHANT_ID, _KEY, _CHECKOUT_URL, _SOURCES: a real Payme cashbox; absent, the stand-in (docs/payments.md). */
  payme: PaymeEnv;
}

/** Reads the server's settings from the environment; relative directories resolve against the working directory. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0 to 65535, not "${env.PORT}".`);
  const dataDir = resolve(env.DATA_DIR || './data');
  return {
    port,
    // Loopback unless told otherwise: exposing the server is a deliberate choice (HOST=0.0.0.0).
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    uploadsDir: resolve(env.UPLOADS_DIR || join(dataDir, UPLOADS_DIR_NAME)),
    distDir: resolve(env.DIST_DIR || './dist'),
    contentDir: resolve(env.CONTENT_DIR || './content'),
    logLevel: env.LOG_LEVEL || 'info',
    testFaults: testFaults(env),
    adminToken: adminToken(env.XIZMAT_ADMIN_TOKEN),
    sealKeyJwk: env.XIZMAT_SEAL_KEY || null,
    tokenSecret: env.XIZMAT_TOKEN_SECRET || null,
    trustProxy: trustProxy(env.XIZMAT_TRUST_PROXY),
    uploadExpiryMs: uploadExpiryMs(env.XIZMAT_UPLOAD_EXPIRY_HOURS),
    sourceLimits: sourceLimits(env.XIZMAT_REQUEST_LIMITS),
    payme: readPaymeEnv(env),
  };
}

/** "group=perSource/overall,…": each group's two maxima over its default window (server/README.md lists them). */
function sourceLimits(value: string | undefined): Partial<Record<LimitGroup, GroupLimit>> {
  const limits: Partial<Record<LimitGroup, GroupLimit>> = {};
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = GROUP_LIMIT.exec(entry);
    const group = match?.[1] as LimitGroup | undefined;
    const defaults = group === undefined ? undefined : DEFAULT_REQUEST_LIMITS.groups[group];
    if (!match || !defaults || Number(match[2]) < 1 || Number(match[3]) < 1) {
      throw new Error(`XIZMAT_REQUEST_LIMITS takes group=perSource/overall entries (groups: ${Object.keys(DEFAULT_REQUEST_LIMITS.groups).join(', ')}), not "${entry}".`);
    }
    limits[group!] = {
      perSource: { max: Number(match[2]), windowMs: defaults.perSource.windowMs },
      overall: { max: Number(match[3]), windowMs: defaults.overall.windowMs },
    };
  }
  return limits;
}

/**
 * The fault hooks answer with what sealed items hold and fail requests on demand: only a test run
 * may have them. Asked for anywhere else, the server refuses to start rather than quietly ignore it.
 */
function testFaults(env: NodeJS.ProcessEnv): boolean {
  if (env.XIZMAT_TEST_FAULTS !== '1') return false;
  if (env.NODE_ENV !== 'test') throw new Error(`XIZMAT_TEST_FAULTS=1 needs NODE_ENV=test (it is "${env.NODE_ENV ?? ''}"): the fault hooks are for the chaos suite only.`);
  return true;
}

function adminToken(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < MIN_ADMIN_TOKEN_CHARS) {
    throw new Error(`XIZMAT_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_CHARS} characters (it has ${value.length}); make one with \`openssl rand -base64 32\`.`);
  }
  return value;
}

/** A hop count ("1": the one proxy in front) or a comma-separated list of addresses and CIDRs; never "true", which would believe any client. */
function trustProxy(value: string | undefined): number | string[] | undefined {
  if (!value) return undefined;
  if (HOP_COUNT.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.find((entry) => {
    const cidr = CIDR.exec(entry);
    return cidr ? isIP(cidr[1]!) === 0 || Number(cidr[2]) > (isIP(cidr[1]!) === 4 ? 32 : 128) : isIP(entry) === 0;
  });
  if (entries.length === 0 || bad !== undefined) {
    throw new Error(`XIZMAT_TRUST_PROXY must be a hop count or a comma-separated list of addresses and CIDRs, not "${bad ?? value}".`);
  }
  return entries;
}

function uploadExpiryMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`XIZMAT_UPLOAD_EXPIRY_HOURS must be a positive number of hours, not "${value}".`);
  return hours * 60 * 60 * 1000;
}
