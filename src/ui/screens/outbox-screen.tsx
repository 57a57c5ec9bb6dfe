import { useLocation } from 'preact-iso';
import { formatDateTime } from '../../core/format/format-date-time';
import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';

/** Every application this phone has finalised, its state in plain words, and its receipt number. */
export function OutboxScreen() {
  const { t, pick, locale } = useT();
  const { query } = useLocation();
  const store = useStore();
  const items = useWatch((s) => s.queries.outbox, []);
  const services = useWatch((s) => s.queries.catalogue, []);
  const nameOf = (serviceId: string) => {
    const service = services?.find((s) => s.id === serviceId);
    return service ? pick(service.name) : serviceId;
  };
  const waiting = items?.some((i) => i.state === 'queued' || i.state === 'sending');
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      {query.saved ? <p class="banner success" role="status">{t('outbox.savedNotice')}</p> : null}
      {waiting ? <button type="button" onClick={() => void store?.sendNow()}>{t('outbox.sendNow')}</button> : null}
      {items?.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      <ul class="cards" data-testid="outbox-list">
        {items?.map((item) => (
          <li key={item.id} class={`card state-${item.state}`} data-testid="outbox-item" data-state={item.state}>
            <h2>{nameOf(item.serviceId)}</h2>
            <p><strong class="state">{t(`outbox.state.${item.state}`)}</strong></p>
            {item.receipt ? <p data-testid="receipt-number">{t('outbox.receipt', { number: item.receipt.number })}</p> : null}
            <p class="muted">{t('outbox.finalisedAt', { time: formatDateTime(item.finalisedAt, locale) })}</p>
            {item.lastAttemptAt && item.state !== 'delivered'
              ? <p class="muted">{t('outbox.lastAttempt', { time: formatDateTime(item.lastAttemptAt, locale) })}</p> : null}
            {item.problem ? <p class="field-error">{t([`outbox.problem.${item.problem.code}`, 'outbox.problem.other'])}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
