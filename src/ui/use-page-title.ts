import { useEffect } from 'preact/hooks';
import { pageTitle } from '../contract/locales';
import { useT } from './use-t';

/**
 * Names the browser tab and the screen reader's page after the screen's heading, in the language in
 * use: "Repeat birth certificate · Xizmat", the home screen the app alone. Screens load on demand and
 * redraw their heading, so it follows `main` as it changes rather than each route.
 */
export function usePageTitle(): void {
  const { locale } = useT();
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const heading = location.pathname === '/' ? null : main.querySelector('h1')?.textContent?.trim();
      const title = pageTitle(locale, heading || null);
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [locale]);
}
