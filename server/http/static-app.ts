import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { IMMUTABLE, REVALIDATE } from './cache-control';

/** Vite writes content-hashed names here; everything else keeps its name across builds. */
const HASHED_ASSETS_DIR = 'assets';
/** Sibling files the build writes next to each asset; the cache rule follows the original name. */
const PRECOMPRESSED_SUFFIX = /\.(br|gz)$/;

/**
 * Serves the built app from `distDir` with its .br/.gz siblings chosen per Accept-Encoding.
 * Returns false, registering nothing, when the app is not built (no index.html).
 */
export async function registerStaticApp(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    preCompressed: true,
    // Vite's build manifest (.vite/manifest.json) and other dotfiles are build records, not the app.
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders: (reply, path) => {
      const file = relative(distDir, path).replace(PRECOMPRESSED_SUFFIX, '');
      reply.header('Cache-Control', file.startsWith(HASHED_ASSETS_DIR + sep) ? IMMUTABLE : REVALIDATE);
    },
  });
  return true;
}

/** The SPA fallback: every client-side route gets the app shell, always revalidated. */
export function sendAppShell(reply: FastifyReply) {
  return reply.code(200).header('Cache-Control', REVALIDATE).sendFile('index.html');
}
