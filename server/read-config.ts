import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  contentDir: string;
  logLevel: string;
  /** XIZMAT_TEST_FAULTS=1: the chaos suite's fault hooks; refused with NODE_ENV=production. */
  testFaults: boolean;
}

/** Reads the server's settings from the environment; relative directories resolve against the working directory. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0 to 65535, not "${env.PORT}".`);
  return {
    port,
    // Loopback unless told otherwise: exposing the server is a deliberate choice (HOST=0.0.0.0).
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    distDir: resolve(env.DIST_DIR || './dist'),
    contentDir: resolve(env.CONTENT_DIR || './content'),
    logLevel: env.LOG_LEVEL || 'info',
    testFaults: env.XIZMAT_TEST_FAULTS === '1' && env.NODE_ENV !== 'production',
  };
}
