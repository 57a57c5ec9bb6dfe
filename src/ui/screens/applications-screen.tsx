import { useEffect, useState } from 'preact/hooks';
import type { OutboxRow, StatusRow } from '../../core/db/records';
import { formatDateTime } from '../../core/format/format-date-time';
import { ApplicationCard } from '../components/application-card';
import { NotifyPrompt } from '../components/notify-prompt';
import { useOnline } from '../use-online';
import { useStatusStore, useStatusWatch, useWatch } from '../use-store';
import { useT } from '../use-t';

/**
 * An application this phone has a status of and no item: a signed-in citizen's, sent from another of
 * their phones. It is drawn as a delivered one (the server holds it), with nothing of its answers.
 */
function fromElsewhere(status: StatusRow): OutboxRow {
  return {
    id: status.id, owner: status.owner, serviceId: status.serviceId, formVersion: 0, state: 'delivered', payload: null,
    finalisedAt: status.changedAt, attempts: 0, lastAttemptAt: null, nextAttemptAt: 0, receipt: null, problem: null,
  };
}

/**
 * Every application of this phone's owner with the status the server last gave, readable offline
 * with the time of that last check. Looking at it marks the news as seen.
 */
export function ApplicationsScreen() {
  const { t, pick, locale } = useT();
  const store = useStatusStore();
  const online = useOnline();
  const items = useStatusWatch((s) => s.statusQueries.applications, []);
  const statuses = useStatusWatch((s) => s.statusQueries.statuses, []);
  const lastSync = useStatusWatch((s) => s.statusQueries.lastStatusSync, []);
  const services = useWatch((s) => s.queries.catalogue, []);
  const here = new Set(items?.map((item) => item.id));
  const elsewhere = items ? (statuses ?? []).filter((s) => !here.has(s.id)).sort((a, b) => b.changedAt.localeCompare(a.changedAt)).map(fromElsewhere) : [];
  const all = items ? [...items, ...elsewhere] : undefined;
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [checking, setChecking] = useState(false);
  const [failed, setFailed] = useState(false);

  // News that arrives while the screen is open is seen as it arrives, and stays marked for this visit.
  useEffect(() => {
    const unseen = statuses?.filter((s) => s.unseen).map((s) => s.id) ?? [];
    if (unseen.length === 0 || !store) return;
    setFresh((before) => new Set([...before, ...unseen]));
    void store.markApplicationsSeen();
  }, [statuses, store]);

  const check = async () => {
    if (!store) return;
    setChecking(true);
    setFailed(!(await store.syncStatusesNow()));
    setChecking(false);
  };
  const nameOf = (serviceId: string) => {
    const service = services?.find((s) => s.id === serviceId);
    return service ? pick(service.name) : serviceId;
  };

  return (
    <>
      <h1>{t('status:title')}</h1>
      <p class="muted" data-testid="last-status-sync" role="status">
        {checking ? t('status:checking') : lastSync ? t('status:lastSync', { time: formatDateTime(lastSync, locale) }) : t('status:neverSynced')}
      </p>
      {!online ? <p class="banner">{t('status:offline')}</p> : null}
      {online && failed ? <p class="banner" role="alert">{t('status:checkFailed')}</p> : null}
      {online && store ? <button type="button" onClick={() => void check()} disabled={checking}>{t('status:refresh')}</button> : null}
      {all?.length === 0 ? <p>{t('status:empty')}</p> : null}
      {items?.some((i) => i.state === 'delivered') ? <NotifyPrompt /> : null}
      {store ? (
        <ul class="cards" data-testid="applications">
          {all?.map((item) => (
            <ApplicationCard key={item.id} item={item} status={statuses?.find((s) => s.id === item.id)}
              serviceName={nameOf(item.serviceId)} fresh={fresh.has(item.id)} store={store} />
          ))}
        </ul>
      ) : null}
      {/* Said beside the references it is about: an empty list has none to give. */}
      {all?.length ? <p class="muted">{t('status:localRefHint')}</p> : null}
    </>
  );
}
