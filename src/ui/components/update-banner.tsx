import { useEffect, useState } from 'preact/hooks';
import { loadStore } from '../../services/load-store';
import { useT } from '../use-t';

/** Offers a new version; reloads only when the person asks, after their typing is on disk. */
export function UpdateBanner() {
  const { t } = useT();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stop: (() => void) | undefined;
    void import('../../services/sw-bridge').then((bridge) => { stop = bridge.onUpdateReady(() => setReady(true)); });
    return () => stop?.();
  }, []);
  if (!ready) return null;
  const reload = async () => {
    const bridge = await import('../../services/sw-bridge');
    await bridge.applyUpdate(async () => (await loadStore()).settleWrites());
  };
  return (
    <div class="banner" role="status">
      <span>{t('update.ready')}</span>
      <button type="button" onClick={() => void reload()}>{t('update.reload')}</button>
    </div>
  );
}
