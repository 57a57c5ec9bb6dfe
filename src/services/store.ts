// Loaded after first paint: Dexie lives here, never in the main bundle.
import { liveQuery } from 'dexie';
import type { Answers, FieldProblem, Locale } from '../contract/index';
import { OWNER_SELF, type DraftRow, type OutboxRow } from '../core/db/records';
import { XizmatDb } from '../core/db/xizmat-db';
import { saveAnswer as saveDraftAnswer } from '../core/drafts/save-answer';
import { startDraft } from '../core/drafts/start-draft';
import { finaliseDraft } from '../core/outbox/finalise-draft';
import { flushOutbox } from '../core/outbox/flush-outbox';
import { LAST_CONTENT_SYNC, syncContent } from '../core/sync/sync-content';
import { requestBackgroundSync } from './sw-bridge';

/** Try due items this often while the app is open (backoff decides which are due). */
export const SEND_TIMER_MS = 30_000;

const db = new XizmatDb();
let pendingWrites = Promise.resolve();

/** Calls `listener` with the query's result now and after every change to what it read. */
export function watch<T>(query: (db: XizmatDb) => Promise<T>, listener: (value: T) => void): () => void {
  const subscription = liveQuery(() => query(db)).subscribe({ next: listener, error: () => undefined });
  return () => subscription.unsubscribe();
}

export const queries = {
  catalogue: (d: XizmatDb) => d.catalogue.toArray(),
  // null, not undefined, for "not on this device": undefined means still loading.
  service: (id: string) => (d: XizmatDb) => d.catalogue.get(id).then((row) => row ?? null),
  form: (serviceId: string, version: number) => (d: XizmatDb) => d.forms.get([serviceId, version]).then((row) => row ?? null),
  soato: (d: XizmatDb) => d.refs.get('soato').then((row) => row?.data),
  outbox: (d: XizmatDb) => d.outbox.where('owner').equals(OWNER_SELF).reverse().sortBy('finalisedAt'),
  waitingCount: (d: XizmatDb) => d.outbox.where('state').anyOf('queued', 'sending').count(),
  lastContentSync: (d: XizmatDb) => d.meta.get(LAST_CONTENT_SYNC).then((row) => row?.value as string | undefined),
  draft: (id: string) => (d: XizmatDb) => d.drafts.get(id),
};

/** The newest unfinished draft for this service, or a new one: a person never loses a half-filled form. */
export async function openDraft(serviceId: string, formVersion: number): Promise<DraftRow> {
  const drafts = await db.drafts.where('serviceId').equals(serviceId).filter((d) => d.owner === OWNER_SELF).sortBy('updatedAt');
  return drafts.at(-1) ?? startDraft(db, serviceId, formVersion);
}

export function saveAnswer(draftId: string, field: string, value: Answers[string]): Promise<void> {
  pendingWrites = pendingWrites.then(() => saveDraftAnswer(db, draftId, field, value));
  return pendingWrites;
}

/** Resolves when every answer typed so far is on disk (before a reload for an update). */
export function settleWrites(): Promise<void> {
  return pendingWrites;
}

export type SubmitResult = { ok: true; item: OutboxRow } | { ok: false; problems: FieldProblem[] };

/** Finalises the draft into the outbox and starts sending if the network allows. */
export async function submitDraft(draftId: string, serviceId: string, formVersion: number): Promise<SubmitResult> {
  await settleWrites();
  const [form, soato] = await Promise.all([db.forms.get([serviceId, formVersion]), db.refs.get('soato')]);
  if (!form || !soato) throw new Error('form or reference list missing on this device');
  const result = await finaliseDraft(db, draftId, form, soato.data);
  if (result.ok) {
    void requestBackgroundSync();
    void sendNow();
  }
  return result;
}

/** Sends what is waiting now, ignoring backoff ("Send now", network back). */
export async function sendNow(): Promise<void> {
  if (!navigator.onLine) return;
  await flushOutbox(db, { force: true }).catch(() => undefined);
}

let started = false;

/**
 * Page-side wake-ups of the sender and content sync: on start, when the network returns, and on
 * a timer while the app is open. The service worker's Background Sync covers a closed tab.
 */
export function startBackgroundWork(): void {
  if (started) return;
  started = true;
  const refresh = async () => {
    if (!navigator.onLine) return;
    await syncContent(db).catch(() => undefined);
    await sendNow();
  };
  void refresh();
  window.addEventListener('online', () => void refresh());
  window.setInterval(() => {
    if (navigator.onLine && document.visibilityState === 'visible') void flushOutbox(db).catch(() => undefined);
  }, SEND_TIMER_MS);
}

export type { Locale };
