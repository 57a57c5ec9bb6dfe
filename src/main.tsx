// Main bundle: keep imports minimal. Boots the app: i18n, render, then the service worker.
import { render } from 'preact';
import { initI18n } from './services/i18n';
import { loadSession } from './services/load-session';
import { loadStore } from './services/load-store';
import { pageSeed } from './services/page-seed';
import { App } from './ui/app';
import { captureEarlyInput } from './ui/early-input';
import { preloadRoute } from './ui/routes';

/** Set once the first screen is rendered and answers input; bench/budgets.ts reads it (docs/benchmarks.md). */
const INTERACTIVE_MARK = 'xizmat:interactive';
/**
 * On a first visit, the service worker's install and the content sync wait until the page and the
 * phone's database are in the person's hands, then for an idle moment (this long at most): on a
 * weak link they would otherwise take the bandwidth the page's own code needs.
 */
const BACKGROUND_START_TIMEOUT_MS = 2_000;

async function boot(): Promise<void> {
  const seed = pageSeed();
  // The server rendered this page: its screen's code comes before the render, so the first render
  // draws the same screen in place of the server's HTML instead of suspending on it.
  await Promise.all([initI18n(), seed ? preloadRoute(seed.path) : undefined]);
  const root = document.getElementById('app')!;
  if (seed) captureEarlyInput(root);
  // render() reuses the server's (or the build's prerendered) elements and corrects what differs;
  // what was typed is carried into the first render, so it stays.
  render(<App />, root);
  const html = document.documentElement;
  html.classList.remove('booting');
  html.dataset.app = 'on';
  performance.mark(INTERACTIVE_MARK);
  // Continue pressed before the app took over (index.html's guard held it): do it now.
  if (html.dataset.pendingSubmit) {
    delete html.dataset.pendingSubmit;
    root.querySelector('form')?.requestSubmit();
  }
  // The phone's database comes next: drafts are saved from the first keystroke.
  const store = loadStore();
  void store.then(() => loadSession()).then((s) => s.startSession());
  const startBackground = async () => {
    const [{ registerServiceWorker }, loaded] = await Promise.all([import('./services/sw-bridge'), store]);
    registerServiceWorker();
    loaded.startBackgroundWork();
  };
  if (seed) void store.then(() => whenIdle(startBackground));
  else void startBackground();
}

/** Runs `work` at the browser's next idle moment, or after BACKGROUND_START_TIMEOUT_MS at most. */
function whenIdle(work: () => Promise<void>): void {
  const run = () => void work();
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: BACKGROUND_START_TIMEOUT_MS });
  else setTimeout(run, 0);
}

void boot();
