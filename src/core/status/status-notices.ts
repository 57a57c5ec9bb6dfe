import type { ApplicationStatus, Locale, Localized } from '../../contract/index';
import type { StatusRow } from '../db/records';
import type { SyncTables } from '../db/sync-db';
import { pickMessage } from './pick-message';

/**
 * WARNING: persistence key. The words of status notifications in the person's language, written
 * by the page (which has the translations) so the service worker can notify with the app closed.
 */
export const NOTICE_TEXTS_META = 'notify.texts';

export interface NoticeTexts {
  locale: Locale;
  /** Notification title for one change, with {{service}} in it. */
  title: string;
  /** The words for each status. */
  statuses: Record<ApplicationStatus, string>;
  /** Title when several changed at once. */
  several: string;
}

export interface Notice {
  title: string;
  body: string;
  /** One notification per application: a newer status replaces the older one. */
  tag: string;
}

/** At most this many notifications from one sync; more become one summary. */
export const MAX_NOTICES = 3;

/** What to tell the person about fresh status changes, in their language; service names from the catalogue. */
export async function statusNotices(db: Pick<SyncTables, 'meta' | 'catalogue'>, changes: StatusRow[]): Promise<Notice[]> {
  const texts = (await db.meta.get(NOTICE_TEXTS_META))?.value as NoticeTexts | undefined;
  if (!texts || changes.length === 0) return [];
  const names = new Map<string, Localized>();
  for (const row of await db.catalogue.bulkGet(changes.map((c) => c.serviceId))) if (row) names.set(row.id, row.name);
  const notices = changes.map((change) => ({
    title: texts.title.replace('{{service}}', names.get(change.serviceId)?.[texts.locale] ?? change.serviceId),
    body: `${change.number ?? ''} · ${texts.statuses[change.status]}${messageOf(change, texts.locale)}`,
    tag: `status-${change.id}`,
  }));
  if (notices.length <= MAX_NOTICES) return notices;
  return [{ title: texts.several, body: notices.map((n) => n.body).join('\n'), tag: 'status-several' }];
}

function messageOf(change: StatusRow, locale: Locale): string {
  const text = pickMessage(change.message, locale);
  return text ? `: ${text}` : '';
}
