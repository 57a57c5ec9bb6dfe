// Loaded with the store (after first paint): statuses, notifications and feedback.
import i18next from 'i18next';
import { APPLICATION_STATUSES, type ApplicationStatus, type FeedbackRating } from '../contract/index';
import { isQuotaError } from '../core/db/storage-error';
import type { XizmatDb } from '../core/db/xizmat-db';
import { newFeedbackId, queueFeedback } from '../core/feedback/queue-feedback';
import { flushOutbox } from '../core/outbox/flush-outbox';
import { NOTICE_TEXTS_META, type NoticeTexts } from '../core/status/status-notices';
import { pullStatuses } from '../core/status/pull-statuses';
import { LAST_STATUS_SYNC, markStatusesSeen } from '../core/status/sync-statuses';
import { db } from './app-db';
import { currentLocale, onLocaleChange } from './i18n';
import { requestBackgroundSync, setBadge, showNotice } from './sw-bridge';
import { currentOwner } from './session-signal';

export const statusQueries = {
  /** This owner's applications (feedback is not one, nor someone else's carried from a hand-over file), newest first. */
  applications: (d: XizmatDb) => d.outbox.where('owner').equals(currentOwner()).filter((row) => row.kind !== 'feedback' && !row.carried).reverse().sortBy('finalisedAt'),
  statuses: (d: XizmatDb) => d.statuses.where('owner').equals(currentOwner()).toArray(),
  unseenCount: (d: XizmatDb) => d.statuses.where('owner').equals(currentOwner()).filter((row) => row.unseen).count(),
  lastStatusSync: (d: XizmatDb) => d.meta.get(LAST_STATUS_SYNC).then((row) => (row?.value as string | undefined) ?? null),
  /** Feedback this owner gave, by what it was about (an application id, or a service id). */
  feedbackGiven: (d: XizmatDb) => d.outbox.where('owner').equals(currentOwner()).filter((row) => row.kind === 'feedback').toArray(),
};

/** Statuses now, with notifications for what changed and the icon's badge; false when offline or it failed. */
export async function syncStatusesNow(): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    await writeNoticeTexts();
    // A visible page shows the change itself; a notification is for when the person is elsewhere.
    const notify = document.visibilityState === 'visible' ? undefined : showNotice;
    await pullStatuses(db, { notify, badge: setBadge });
    return true;
  } catch {
    return false;
  }
}

/** The person has looked at their applications. */
export async function markApplicationsSeen(): Promise<void> {
  await markStatusesSeen(db, currentOwner());
  await setBadge(0);
}

interface FeedbackDraft {
  id: string;
  serviceId: string;
  applicationId: string | null;
  rating: FeedbackRating;
  comment: string;
}

/** A new feedback form's id: the same id however many times Send is pressed. */
export function startFeedback(): string {
  return newFeedbackId();
}

/**
 * Queues the rating in the outbox and sends it now if the network is here, else when it returns.
 * A phone out of space answers 'storage_full' with nothing half written, as for applications.
 */
export async function sendFeedback(feedback: FeedbackDraft): Promise<'storage_full' | 'storage_failed' | null> {
  try {
    await queueFeedback(db, { ...feedback, owner: currentOwner() });
  } catch (error) {
    return isQuotaError(error) ? 'storage_full' : 'storage_failed';
  }
  await requestBackgroundSync();
  if (navigator.onLine) await flushOutbox(db, { force: true }).catch(() => undefined);
  return null;
}

/** Keeps the notification words in the person's language where the service worker can read them. */
async function writeNoticeTexts(): Promise<void> {
  const statuses = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, i18next.t(`status:status.${s}`)])) as Record<ApplicationStatus, string>;
  const texts: NoticeTexts = {
    locale: currentLocale(), title: i18next.t('status:notify.title', { service: '{{service}}' }), statuses,
    several: i18next.t('status:notify.several'),
  };
  await db.meta.put({ key: NOTICE_TEXTS_META, value: texts });
}

onLocaleChange(() => void writeNoticeTexts().catch(() => undefined));
