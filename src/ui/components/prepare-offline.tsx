import { useEffect, useState } from 'preact/hooks';
import type { ServiceEntry } from '../../contract/index';
import type { DownloadProgress } from '../../services/catalogue-store';
import { kilobytes, useCatalogue, useCatalogueStore } from '../use-catalogue';
import { useOnline } from '../use-online';
import { useT } from '../use-t';

/** "Prepare for offline work" for a set of services: the size first, then a download with progress. */
export function PrepareOffline({ title, services, id }: { title: string; services: ServiceEntry[]; id: string }) {
  const { t } = useT();
  const store = useCatalogueStore();
  const online = useOnline();
  const missingIds = useCatalogue((s) => s.catalogueQueries.missingForms(services), [services]);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [services]);
  if (missingIds === undefined || !store) return null;
  const missing = services.filter((s) => missingIds.includes(s.id));
  const bytes = missing.reduce((sum, s) => sum + s.formBytes, 0);
  const running = progress !== null && progress.done < progress.total;
  const start = async () => {
    setFailed(false);
    try {
      await store.downloadFormsFor(missing, setProgress);
    } catch {
      setFailed(true);
    }
    setProgress(null);
  };
  return (
    <section class="prepare" aria-labelledby={`prepare-${id}`} data-testid={`prepare-${id}`}>
      <h2 id={`prepare-${id}`}>{title}</h2>
      {missing.length === 0 ? <p data-testid="prepare-ready">{t('catalogue:offline.ready')}</p> : (
        <>
          <p data-testid="prepare-size">{t('catalogue:offline.size', { size: t('catalogue:size.kb', { value: kilobytes(bytes) }), count: missing.length })}</p>
          {running ? (
            <div role="status">
              <label for={`progress-${id}`}>{t('catalogue:offline.progress', { done: progress.done, total: progress.total })}</label>
              <progress id={`progress-${id}`} max={progress.bytesTotal} value={progress.bytesDone} />
            </div>
          ) : (
            <button type="button" onClick={() => void start()} disabled={!online}>{t('catalogue:offline.download')}</button>
          )}
          {!online && !running ? <p class="muted">{t('catalogue:offline.needsNetwork')}</p> : null}
          {failed ? <p class="banner error" role="alert">{t('catalogue:offline.failed')}</p> : null}
        </>
      )}
    </section>
  );
}
