import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageRenderer } from '../../src/contract/index';

/** Where `vite build -c vite.ssr.config.ts` puts the page renderer, inside the built app. */
const PAGE_RENDERER_FILE = join('.ssr', 'render-page.js');

/**
 * The app's own page renderer (a build of src/ui/render-page.tsx), so a first visit gets the same
 * HTML the app draws; null before a build, when pages fall back to the plain app shell.
 */
export async function loadPageRenderer(distDir: string): Promise<PageRenderer | null> {
  const file = join(distDir, PAGE_RENDERER_FILE);
  if (!existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as Partial<PageRenderer>;
  return typeof module.renderPage === 'function' ? { renderPage: module.renderPage } : null;
}
