// Entry: node --import tsx server/main.ts (or npx tsx server/main.ts). Settings come from the environment.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp } from './build-app';
import { ContentError } from './content/content-error';
import { loadContent } from './content/load-content';
import { readConfig } from './read-config';
import { SqliteStorage } from './storage/sqlite-storage';

/** WARNING: frozen. Renaming the file starts an empty database that has forgotten every id and receipt. */
const DB_FILE = 'xizmat.sqlite';
/** WARNING: frozen, like DB_FILE: attachments received so far live here, named by their SHA-256. */
const UPLOADS_DIR = 'uploads';
/** How long requests in flight may take to finish on SIGTERM; commits are durable even if we stop waiting. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const content = await loadContent(config.contentDir);
  await mkdir(config.dataDir, { recursive: true });
  const storage = new SqliteStorage(join(config.dataDir, DB_FILE));
  const app = await buildApp({
    content, storage, distDir: config.distDir, logger: { level: config.logLevel },
    testFaults: config.testFaults, uploadsDir: join(config.dataDir, UPLOADS_DIR),
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
    app.log.info(`Xizmat listening on ${url} (data ${config.dataDir}, app ${config.distDir}, content ${config.contentDir})`);
  } catch (error) {
    await app.close();
    await storage.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ContentError) console.error(`Cannot start: the content in CONTENT_DIR is broken.\n  ${error.message}`);
  else console.error('Cannot start:', error);
  process.exit(1);
});
