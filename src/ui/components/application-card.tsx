import { localReference } from '../../contract/index';
import type { OutboxRow, StatusRow } from '../../core/db/records';
import { formatDateTime } from '../../core/format/format-date-time';
import { pickMessage } from '../../core/status/pick-message';
import type { StatusStore } from '../../services/load-store';
import { useT } from '../use-t';
import { FeedbackForm } from './feedback-form';
import { InvoicePanel } from './invoice-panel';

/** The phone's own words for an application the server has not told about yet. */
function localStatusKey(item: OutboxRow): string {
  if (item.state === 'delivered') return 'status:status.received';
  if (item.state === 'needs_action') return 'status:status.needsAction';
  if (item.state === 'quarantined') return 'status:status.quarantined';
  return 'status:status.waiting';
}

/**
 * One application: its reference from the moment it was saved, the server's number once it
 * arrived, the latest status with the agency's message, its fee (how to pay, or the receipt), and
 * what the person can do next.
 */
export function ApplicationCard({ item, status, serviceName, fresh, store }: {
  item: OutboxRow; status: StatusRow | undefined; serviceName: string; fresh: boolean; store: StatusStore;
}) {
  const { t, locale } = useT();
  // A correction waiting in the outbox is newer than the "returned" the server last said.
  const current = status && !(item.state !== 'delivered' && status.status === 'returned') ? status : undefined;
  const message = pickMessage(current?.message, locale);
  const number = current?.number ?? item.receipt?.number;
  return (
    <li class="card" data-testid="application" data-id={item.id} data-status={current?.status ?? item.state}>
      <h2>{serviceName}{fresh ? <span class="badge" data-testid="new-mark">{t('status:new')}</span> : null}</h2>
      <p><strong>{current ? t(`status:status.${current.status}`) : t(localStatusKey(item))}</strong></p>
      {message ? <p data-testid="agency-message">{t('status:agencyMessage', { message })}</p> : null}
      <InvoicePanel status={current} level={3} />
      <p data-testid="local-reference">{t('status:localRef', { ref: localReference(item.id) })}</p>
      {number ? <p data-testid="application-number">{t('status:number', { number })}</p> : null}
      <p class="muted">{t('status:changedAt', { time: formatDateTime(current?.changedAt ?? item.receipt?.receivedAt ?? item.finalisedAt, locale) })}</p>
      {current?.status === 'returned' ? <p><a href={`/services/${item.serviceId}?draft=${item.id}`}>{t('status:correct')}</a></p> : null}
      {current?.status === 'completed' ? <FeedbackForm store={store} serviceId={item.serviceId} applicationId={item.id} /> : null}
    </li>
  );
}
