import { loadSession } from '../../services/load-session';
import { useSession } from '../use-session';
import { useT } from '../use-t';

/** For an operator on a shared phone: whom the app works for now, how to change it, and Lock. */
export function SessionBar() {
  const { t } = useT();
  const session = useSession();
  if (session.mode !== 'operator' || session.locked) return null;
  return (
    <div class="session-bar" role="region" aria-label={t('session:bar.label')}>
      <span data-testid="working-for">{session.residentName ? t('session:bar.for', { name: session.residentName }) : t('session:bar.nobody')}</span>{' '}
      <a href="/residents">{t('session:bar.change')}</a>{' '}
      <button type="button" onClick={() => void loadSession().then((s) => s.lock())}>{t('session:lock.now')}</button>
    </div>
  );
}
