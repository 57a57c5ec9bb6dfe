// Entry: node --import tsx server/main.ts (or npx tsx server/main.ts). Settings come from the environment.
import { mkdir } from 'node:fs/promises';
import { buildApp } from './build-app';
import { ContentError } from './content/content-error';
import { loadContent } from './content/load-content';
import { identityProviderFrom } from './identity/identity-settings';
import { readConfig } from './read-config';
import { openStorage } from './storage/open-storage';
import { TestClock } from './test-mode/test-clock';
/** How long requests in flight may take to finish on SIGTERM; commits are durable even if we stop waiting. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const content = await loadContent(config.contentDir);
  await mkdir(config.dataDir, { recursive: true });
  // In test mode the chaos suite can move the server's clock (weeks offline); otherwise the real one.
  const clock = config.testFaults ? new TestClock() : null;
  // A provider set in the environment, or none and the stand-in OneID on this server (build-app.ts);
  // read before the database opens, so a half-configured or production-without-provider server stops at once.
  const identity = identityProviderFrom(process.env, { port: config.port });
  const storage = await openStorage(config, clock?.now);
  const app = await buildApp({
    content, storage, distDir: config.distDir, logger: { level: config.logLevel },
    testFaults: config.testFaults, uploadsDir: config.uploadsDir, adminToken: config.adminToken ?? undefined,
    serverKeys: { sealKeyJwk: config.sealKeyJwk, tokenSecret: config.tokenSecret },
    trustProxy: config.trustProxy, sourceLimits: config.sourceLimits, paymeEnv: config.payme, uploads: { expiryMs: config.uploadExpiryMs },
    ...(identity.standIn ? {} : { identity: { provider: identity.provider } }), ...(clock ? { now: clock.now, testClock: clock } : {}),
  });
  if (config.testFaults) app.log.warn('XIZMAT_TEST_FAULTS=1: test fault hooks are on; never run this in production');

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: no new connections; finishing requests in flight`);
    setTimeout(() => {
      app.log.error(`requests still open after ${SHUTDOWN_GRACE_MS} ms; exiting without them`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await storage.close();
    app.log.info('stopped cleanly');
    process.exit(0);
  };
  // `once`: a second Ctrl-C falls through to Node's default and ends the process at once.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  try {
    const url = await app.listen({ port: config.port, host: config.host });
    const database = config.databaseUrl ? `PostgreSQL ${withoutCredentials(config.databaseUrl)}` : `SQLite in ${config.dataDir}`;
    app.log.info(`Xizmat listening on ${url} (${database}, uploads ${config.uploadsDir}, app ${config.distDir}, content ${config.contentDir})`);
  } catch (error) {
    await app.close();
    await storage.close();
    throw error;
  }
}

/** host:port/database of a connection string: the log must never carry its password. */
function withoutCredentials(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.host}${url.pathname}`;
  } catch {
    return '(DATABASE_URL is not a URL)';
  }
}

main().catch((error: unknown) => {
  if (error instanceof ContentError) console.error(`Cannot start: the content in CONTENT_DIR is broken.\n  ${error.message}`);
  else console.error('Cannot start:', error);
  process.exit(1);
});
