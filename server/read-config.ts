import { join, resolve } from 'node:path';

/** WARNING: frozen. Attachments received so far live here (under DATA_DIR unless UPLOADS_DIR says otherwise), named by their SHA-256. */
const UPLOADS_DIR_NAME = 'uploads';

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
  /** XIZMAT_TEST_FAULTS=1: the chaos suite's fault hooks; refused with NODE_ENV=production. */
  testFaults: boolean;
  /** XIZMAT_ADMIN_TOKEN: the back office's password (user "admin"); without it there is no back office. */
  adminToken: string | null;
  /** XIZMAT_SEAL_KEY: a private ECDH P-256 JWK phones seal applications to; absent, one made on first start and kept in the database. */
  sealKeyJwk: string | null;
  /** XIZMAT_TOKEN_SECRET: the operators' access tokens' HMAC secret (32+ characters); absent, one made on first start and kept in the database. */
  tokenSecret: string | null;
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
    testFaults: env.XIZMAT_TEST_FAULTS === '1' && env.NODE_ENV !== 'production',
    adminToken: env.XIZMAT_ADMIN_TOKEN || null,
    sealKeyJwk: env.XIZMAT_SEAL_KEY || null,
    tokenSecret: env.XIZMAT_TOKEN_SECRET || null,
  };
}
