import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';

/** Tells the person plainly when the browser deleted applications that had not been sent. */
export function EvictionNotice() {
  const { t } = useT();
  const store = useStore();
  const event = useWatch((s) => s.evictionQuery, []);
  if (!event || !store) return null;
  return (
    <div class="banner error" role="alert" data-testid="eviction-notice">
      <p>{t('eviction.message', { count: event.unsentBefore })}</p>
      <button type="button" onClick={() => void store.dismissEviction()}>{t('eviction.dismiss')}</button>
    </div>
  );
}
