import { localReference } from '../../contract/index';
import type { OutboxRow } from '../../core/db/records';
import { formatDateTime } from '../../core/format/format-date-time';
import { needsCitizenSignIn, needsSigningAgain } from '../../core/outbox/refused-proof';
import { waitIsOver } from '../../core/outbox/retry-delay';
import { useT } from '../use-t';
import { CitizenNeeded } from './citizen-needed';
import { SignAgain } from './sign-again';

/** Typical round trip and speed when the browser does not say (a 3G phone in a village). */
const FALLBACK_RTT_MS = 400;
const FALLBACK_DOWNLINK_MBPS = 0.4;

/** Seconds one item should take on the current connection: a round trip plus its bytes. */
function estimateSeconds(item: OutboxRow): number {
  const connection = (navigator as Navigator & { connection?: { rtt?: number; downlink?: number } }).connection;
  const rtt = connection?.rtt || FALLBACK_RTT_MS;
  const mbps = connection?.downlink || FALLBACK_DOWNLINK_MBPS;
  const photoBytes = (item.attachments ?? []).reduce((n, a) => n + (a.done ? 0 : a.size - a.uploaded), 0);
  const bytes = (item.payload?.body.length ?? 0) + photoBytes;
  return Math.max(1, Math.ceil((2 * rtt + (bytes * 8) / (mbps * 1000)) / 1000));
}

/**
 * One application in the outbox: its state in plain words, when it was tried, what happens next.
 * One carried for someone else (a hand-over file) shows no number, reference or answers of theirs:
 * only that it waits, went, or why the server refused it, and who can act on that.
 */
export function OutboxItemCard({ item, serviceName, online }: { item: OutboxRow; serviceName: string; online: boolean }) {
  const { t, locale } = useT();
  const photosLeft = item.attachments?.some((a) => !a.done) ?? false;
  const waiting = item.state === 'queued' || item.state === 'sending' || (item.state === 'delivered' && photosLeft);
  const next = Math.max(item.nextAttemptAt, item.notBefore ?? 0);
  const carried = item.carried === true;
  const problemKeys = (code: string) => [...(carried ? [`outbox.carried.problem.${code}`] : []), `outbox.problem.${code}`, 'outbox.problem.other'];
  return (
    <li class={`card state-${item.state}`} data-testid="outbox-item" data-state={item.state} data-id={item.id} data-carried={carried ? 'true' : undefined}>
      <h2>{item.kind === 'feedback' ? t('status:feedback.outboxTitle', { service: serviceName }) : serviceName}</h2>
      <p><strong class="state">{t(`outbox.state.${item.state}`)}</strong></p>
      {item.kind === 'feedback' || carried ? null : <p data-testid="local-reference">{t('status:localRef', { ref: localReference(item.id) })}</p>}
      {/* A rating's receipt is the server's, not an application number a person would quote. */}
      {item.receipt && !carried && item.kind !== 'feedback' ? <p data-testid="receipt-number">{t('outbox.receipt', { number: item.receipt.number })}</p> : null}
      {carried && item.state === 'delivered' ? <p data-testid="carried-delivered">{t('outbox.carried.delivered')}</p> : null}
      <p class="muted">{t(carried ? 'outbox.carried.madeAt' : 'outbox.finalisedAt', { time: formatDateTime(item.finalisedAt, locale) })}</p>
      {item.lastAttemptAt && item.state !== 'delivered'
        ? <p class="muted">{t('outbox.lastAttempt', { time: formatDateTime(item.lastAttemptAt, locale) })}</p> : null}
      {waiting && item.retryReason ? <p data-testid="retry-reason">{t(`outbox.reason.${item.retryReason}`)}</p> : null}
      {waiting && !online ? <p>{t('outbox.whenOnline')}</p> : null}
      {waiting && online && item.attempts > 0 && !waitIsOver(next, Date.now())
        ? <p class="muted">{t('outbox.nextAttempt', { time: formatDateTime(next, locale) })}</p> : null}
      {waiting && online ? <p class="muted">{t('outbox.estimate', { seconds: estimateSeconds(item) })}</p> : null}
      {item.answers ? <p><a href={`/submitted/${item.id}`}>{t('outbox.answers')}</a></p> : null}
      {item.attachments?.length ? <AttachmentProgress item={item} /> : null}
      {item.problem ? <p class="field-error" data-testid="outbox-problem">{t(problemKeys(item.problem.code))}</p> : null}
      {needsSigningAgain(item) && !carried ? <SignAgain item={item} /> : null}
      {needsCitizenSignIn(item) && !carried ? <CitizenNeeded /> : null}
      {/* A sealed item can be corrected only from what the server opened (its 422 fields); nobody here can read it, nor correct one carried for someone else. */}
      {item.state === 'needs_action' && !carried && (item.problem?.fields || (item.problem?.code === 'too_large' && item.payload?.codec !== 'sealed-v1'))
        ? <p><a href={`/services/${item.serviceId}?draft=${item.id}`}>{t('outbox.correct')}</a></p> : null}
    </li>
  );
}

/** Photos of one application: how many the server holds, and each file's confirmed bytes. */
function AttachmentProgress({ item }: { item: OutboxRow }) {
  const { t } = useT();
  const attachments = item.attachments ?? [];
  const done = attachments.filter((a) => a.done).length;
  return (
    <div class="progress">
      <p>{t('outbox.photos', { done, total: attachments.length })}</p>
      {attachments.map((a, i) => {
        // A sealed photo travels as its sealed bytes, a few dozen more than the photo.
        const percent = a.done ? 100 : Math.min(99, Math.floor((a.uploaded / Math.max(1, a.sealedSize ?? a.size)) * 100));
        return (
          <div key={a.sha256}>
            <label for={`photo-${item.id}-${i}`}>{t('outbox.photoProgress', { number: i + 1, percent })}</label>
            <progress id={`photo-${item.id}-${i}`} max={100} value={percent} data-testid="photo-progress" />
          </div>
        );
      })}
    </div>
  );
}
