import { formatDateTime } from '../../core/format/format-date-time';
import { useWatch } from '../use-store';
import { useT } from '../use-t';

export function HomeScreen() {
  const { t, pick, locale } = useT();
  const services = useWatch((store) => store.queries.catalogue, []);
  const syncedAt = useWatch((store) => store.queries.lastContentSync, []);
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="muted" data-testid="sync-status" data-ready={syncedAt && services?.length ? 'true' : 'false'}>
        {syncedAt ? t('home.offlineReady', { time: formatDateTime(syncedAt, locale) }) : t('home.notYetSynced')}
      </p>
      {services === undefined ? <p>{t('home.loading')}</p> : null}
      <ul class="cards">
        {services?.map((service) => (
          <li key={service.id} class="card">
            <h2><a href={`/services/${service.id}`}>{pick(service.name)}</a></h2>
            <p>{pick(service.summary)}</p>
            <dl>
              <dt>{t('service.fee')}</dt><dd>{pick(service.fee)}</dd>
              <dt>{t('service.term')}</dt><dd>{pick(service.term)}</dd>
              <dt>{t('service.agency')}</dt><dd>{pick(service.agency)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
