// Build only (scripts/prerender.ts runs it in Node): the home screen as HTML, in Uzbek Latin, before
// any data is on the phone. The browser paints it before a byte of JavaScript has arrived.
import { locationStub } from 'preact-iso/prerender';
import { renderToString } from 'preact-render-to-string';
import { initI18n } from '../services/i18n';
import { App } from './app';

export async function renderFirstScreen(): Promise<string> {
  locationStub('/');
  // Node 20 has no navigator; the first screen is drawn as if online, as most first visits are.
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: true, language: 'uz', languages: ['uz'] }, configurable: true });
  await initI18n('uz');
  return renderToString(<App />);
}
