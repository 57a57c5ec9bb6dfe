import { useEffect, useState } from 'preact/hooks';
import { useT } from '../use-t';

/** Says plainly when the phone is offline, and that work is still safe. */
export function NetworkStatus() {
  const { t } = useT();
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => { window.removeEventListener('online', update); window.removeEventListener('offline', update); };
  }, []);
  return online ? null : <p class="banner offline" role="status">{t('network.offline')}</p>;
}
