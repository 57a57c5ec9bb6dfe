// Main bundle: keep imports minimal. Boots the app: i18n, render, then the service worker.
import { render } from 'preact';
import { initI18n } from './services/i18n';
import { loadStore } from './services/load-store';
import { App } from './ui/app';
import './ui/app.css';

/** Set once the first screen is rendered and answers input; bench/budgets.ts reads it (performance.md 9.4). */
const INTERACTIVE_MARK = 'xizmat:interactive';

async function boot(): Promise<void> {
  await initI18n();
  // The build prerendered the home screen in Uzbek Latin into #app (scripts/prerender.ts): render()
  // reuses its elements and corrects what differs (another language, another route, the data).
  render(<App />, document.getElementById('app')!);
  document.documentElement.classList.remove('booting');
  performance.mark(INTERACTIVE_MARK);
  const [{ registerServiceWorker }, store] = await Promise.all([import('./services/sw-bridge'), loadStore()]);
  registerServiceWorker();
  store.startBackgroundWork();
}

void boot();
