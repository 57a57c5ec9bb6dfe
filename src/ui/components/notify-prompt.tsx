import { useState } from 'preact/hooks';
import { askNotificationPermission, notificationPermission } from '../../services/sw-bridge';
import { useT } from '../use-t';

/**
 * Offers status notifications once the person has an application to hear about, on their tap:
 * never on first load (browsers and people both punish that).
 */
export function NotifyPrompt() {
  const { t } = useT();
  const [permission, setPermission] = useState(notificationPermission());
  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <p class="muted" data-testid="notify-state">{t('status:notify.granted')}</p>;
  if (permission === 'denied') return <p class="muted" data-testid="notify-state">{t('status:notify.denied')}</p>;
  return (
    <div class="notify-prompt">
      <button type="button" onClick={() => void askNotificationPermission().then(setPermission)} aria-describedby="notify-hint">
        {t('status:notify.ask')}
      </button>
      <p class="muted" id="notify-hint">{t('status:notify.askHint')}</p>
    </div>
  );
}
