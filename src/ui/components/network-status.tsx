import { useOnline } from '../use-online';
import { useT } from '../use-t';

/** Says plainly when the phone is offline, and that work is still safe. */
export function NetworkStatus() {
  const { t } = useT();
  const online = useOnline();
  return online ? null : <p class="banner offline" role="status">{t('network.offline')}</p>;
}
