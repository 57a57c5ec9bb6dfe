import { BRAND } from '../../contract/locales';
import { useSession } from '../use-session';
import { useStatusWatch, useWatch } from '../use-store';
import { useDisclosure } from '../use-disclosure';
import { useT } from '../use-t';
import { LanguageSwitcher } from './language-switcher';

/**
 * One row on a phone: the brand, the menu and the language. The pages people go to are in the menu,
 * whose button carries what waits for them (unsent items, new statuses), so the screen starts with
 * the page itself rather than with navigation (the header took 212 of 740 px when it was all shown).
 */
export function AppHeader() {
  const { t, locale } = useT();
  const session = useSession();
  const waiting = useWatch((store) => store.queries.waitingCount, []) ?? 0;
  const unseen = useStatusWatch((store) => store.statusQueries.unseenCount, []) ?? 0;
  const menu = useDisclosure();
  return (
    <header class="app-header">
      <a class="brand" href="/">{BRAND[locale]}</a>
      <details class="menu" ref={menu}>
        <summary data-testid="menu-button">
          {t('nav.menu')}
          {waiting + unseen ? <span class="badge" data-testid="menu-count"> {waiting + unseen}</span> : null}
        </summary>
        <nav class="menu-panel" aria-label={t('nav.label')}>
          <ul>
            <li>
              <a href="/applications">
                {t('status:nav')}
                {unseen ? <span class="badge" data-testid="unseen-count"> {t('status:newCount', { count: unseen })}</span> : null}
              </a>
            </li>
            <li>
              <a href="/outbox">
                {t('nav.outbox')}
                {waiting ? <span class="badge" data-testid="waiting-count"> {t('outbox.waiting', { count: waiting })}</span> : null}
              </a>
            </li>
            <li><a href="/drafts">{t('nav.drafts')}</a></li>
            <li><a href="/profile">{t('nav.profile')}</a></li>
            {session.mode === 'operator'
              ? <li><a href="/residents">{t('session:bar.change')}</a></li>
              : <li><a href="/operator">{t('nav.assistant')}</a></li>}
          </ul>
        </nav>
      </details>
      <LanguageSwitcher />
    </header>
  );
}
