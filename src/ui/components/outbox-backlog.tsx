import type { OutboxRow } from '../../core/db/records';
import { formatDate } from '../../core/format/format-date';
import { useT } from '../use-t';

/** States of an application the phone still has to send (blocked ones wait for a sign-in, then go). */
const WAITING = new Set<OutboxRow['state']>(['queued', 'sending', 'blocked']);

/**
 * How many applications wait to be sent and since when, above a list that can run to hundreds
 * after weeks offline: the person sees the backlog at once, and it counts down as the drain goes.
 */
export function OutboxBacklog({ items }: { items: readonly OutboxRow[] }) {
  const { t, locale } = useT();
  const waiting = items.filter((item) => item.kind !== 'feedback' && WAITING.has(item.state));
  if (waiting.length === 0) return null;
  const oldest = waiting.reduce((first, item) => (item.finalisedAt < first ? item.finalisedAt : first), waiting[0]!.finalisedAt);
  return (
    <p class="banner" role="status" data-testid="outbox-backlog" data-count={waiting.length}>
      {t('outbox.backlog', { count: waiting.length, date: formatDate(oldest, locale) })}
    </p>
  );
}
