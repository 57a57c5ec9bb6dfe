// Server and build only: the app's HTML for one page, drawn from the seed the page will carry.
// The server runs a build of this file (vite.ssr.config.ts) for first visits; the build runs it for
// the home screen it prerenders into the app shell (scripts/prerender.ts).
import { locationStub } from 'preact-iso/prerender';
import { renderToString } from 'preact-render-to-string';
import type { PageSeed } from '../contract/page-seed';
import { initI18n, setLocale } from '../services/i18n';
import { setPageSeed } from '../services/page-seed';
import { App } from './app';
import { preloadRoute } from './routes';

let i18nReady: Promise<void> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/**
 * The app's HTML for the seed's path in the seed's language, as the browser's first render will
 * draw it from the same seed. One page at a time: the language, location and seed are this
 * module's globals while a page renders.
 */
export function renderPage(seed: PageSeed): Promise<string> {
  const page = queue.then(() => render(seed));
  queue = page.catch(() => undefined);
  return page;
}

async function render(seed: PageSeed): Promise<string> {
  // Node has no navigator worth the name: a page is drawn as if online, as the person asking is.
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: true, language: seed.locale, languages: [seed.locale] }, configurable: true });
  i18nReady ??= initI18n(seed.locale);
  await i18nReady;
  await setLocale(seed.locale);
  await preloadRoute(seed.path);
  locationStub(seed.path);
  setPageSeed(seed);
  try {
    return renderToString(<App />);
  } finally {
    setPageSeed(null);
  }
}
