import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const APP_DIR = fileURLToPath(new URL('./app/', import.meta.url));

/**
 * Builds the control (a page and its Workbox service worker) into `outDir`, a folder the real
 * server serves as its DIST_DIR. Two builds: the service worker is one classic script.
 */
export async function buildControlApp(outDir: string): Promise<void> {
  const common = { configFile: false as const, root: APP_DIR, logLevel: 'warn' as const };
  await build({ ...common, build: { outDir, emptyOutDir: true, target: 'es2022' } });
  await build({
    ...common,
    // Workbox's production build: no dev logging or asserts; same queue and replay code.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir, emptyOutDir: false, target: 'es2022', minify: false,
      lib: { entry: `${APP_DIR}sw.ts`, formats: ['iife'], name: 'controlSw', fileName: () => 'sw.js' },
    },
  });
}
