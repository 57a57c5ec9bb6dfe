import { useStatusWatch, useWatch } from '../use-store';
import { useT } from '../use-t';
import { LanguageSwitcher } from './language-switcher';

export function AppHeader() {
  const { t } = useT();
  const waiting = useWatch((store) => store.queries.waitingCount, []);
  const unseen = useStatusWatch((store) => store.statusQueries.unseenCount, []);
  return (
    <header class="app-header">
      <a class="brand" href="/">{t('app.name')}</a>
      <a class="outbox-link" href="/outbox">
        {t('nav.outbox')}
        {waiting ? <span class="badge" data-testid="waiting-count"> {t('outbox.waiting', { count: waiting })}</span> : null}
      </a>
      <a class="outbox-link" href="/applications">
        {t('status:nav')}
        {unseen ? <span class="badge" data-testid="unseen-count"> {t('status:newCount', { count: unseen })}</span> : null}
      </a>
      <a class="outbox-link" href="/drafts">{t('nav.drafts')}</a>
      <LanguageSwitcher />
    </header>
  );
}
