import { formatTime } from '../../core/format/format-date';
import { formatDateTime } from '../../core/format/format-date-time';
import { CONTENT_SYNC_STEPS } from '../../core/sync/sync-content';
import { loadStore } from '../../services/load-store';
import { useCatalogue } from '../use-catalogue';
import { useOnline } from '../use-online';
import { useT } from '../use-t';

/**
 * Whether the services are on this phone, said honestly: ready (and since when), downloading (step n
 * of m), stopped (when it tries again, and a button to try now), or waiting for a network.
 */
export function SyncStatus({ listed }: { listed: boolean }) {
  const { t, locale } = useT();
  const online = useOnline();
  const syncedAt = useCatalogue((s) => s.catalogueQueries.lastSync, []);
  const progress = useCatalogue((s) => s.catalogueQueries.syncProgress, []);
  let text: string;
  if (syncedAt) text = t('home.offlineReady', { time: formatDateTime(syncedAt, locale) });
  else if (!online) text = t('home.notYetSynced');
  else if (progress?.failed && progress.retryAt) text = t('home.syncFailed', { time: formatTime(new Date(progress.retryAt)) });
  else text = t('home.syncing', { done: progress?.done ?? 0, total: progress?.total ?? CONTENT_SYNC_STEPS });
  return (
    <div class="sync-status">
      <p class="muted" role="status" data-testid="sync-status" data-ready={syncedAt && listed ? 'true' : 'false'}>{text}</p>
      {!syncedAt && online && progress?.failed
        ? <button type="button" onClick={() => void loadStore().then((store) => store.syncContentNow())}>{t('home.syncNow')}</button>
        : null}
    </div>
  );
}
