// Loaded after first paint: Dexie lives here, never in the main bundle.
import {
  FILE_SIGNATURE_BYTES, MAX_ATTACHMENT_BYTES, attachmentRef, parseAttachmentRef, sniffFileType, type Answers, type FieldProblem, type FileType, type ProfileKey,
} from '../contract/index';
import { readCitizen, signedInCitizen } from '../core/citizen/citizen-record';
import { OWNER_SELF, operatorOwner, residentOwner, type CitizenRecord, type DraftRow, type OutboxRow, type OutboxState, type ProfileRow } from '../core/db/records';
import { draftAnswers } from '../core/drafts/draft-answers';
import { profileValues } from '../core/profile/profile-values';
import { isQuotaError } from '../core/db/storage-error';
import { CANARY_KEY, EVICTION_META, checkStorage, noteUnsent, reportEviction, type CanaryStore, type EvictionRecord } from '../core/device/check-storage';
import type { XizmatDb } from '../core/db/xizmat-db';
import { saveAnswer as saveDraftAnswer } from '../core/drafts/save-answer';
import { deleteDraft as deleteDraftIn } from '../core/drafts/delete-draft';
import { keepDraft } from '../core/drafts/keep-draft';
import { openDraft as openDraftIn, type OpenedDraft } from '../core/drafts/open-draft';
import { saveProfileValue as saveProfileIn } from '../core/profile/save-profile-value';
import { finaliseDraft } from '../core/outbox/finalise-draft';
import { compressPhoto } from '../core/photos/compress-photo';
import { storePhoto } from '../core/photos/store-photo';
import { detachPhoto, forgetPhoto } from '../core/photos/detach-photo';
import { flushOutbox } from '../core/outbox/flush-outbox';
import { transition } from '../core/outbox/outbox-machine';
import { LAST_CONTENT_SYNC, noteContentSyncFailed, syncContent } from '../core/sync/sync-content';
import { syncSoato } from '../core/sync/sync-soato';
import { API_BASE } from '../core/sync/sync-catalogue';
import { retryDelay } from '../core/outbox/retry-delay';
import { TaskQueue } from '../core/task-queue';
import { db, watch } from './app-db';
import { syncStatusesNow } from './status-store';
import { forgetUpgradeFailure, startUpgradeFallback } from './upgrade-fallback';
import { requestBackgroundSync } from './sw-bridge';
import { currentOwner, sessionView } from './session-signal';
import { currentSigner, onBehalfOf, signAgain, startSession, vaultFor, type SignAgainOutcome } from './session-store';
import type { OnBehalf } from '../contract/index';

/** Try due items this often while the app is open (backoff decides which are due). */
const SEND_TIMER_MS = 30_000;
/** When a wake-up found another sender busy, look again after this long. */
const BUSY_RETRY_MS = 3_000;
/** Ask for statuses this often while the app is open and visible; agencies move applications in hours, not seconds. */
const STATUS_TIMER_MS = 5 * 60_000;
/** A failed content sync tries again after about this long, doubling; the first visit needs it to work offline. */
const CONTENT_RETRY_BASE_MS = 5_000;
/** Never wait longer than this between content sync tries while the app is open. */
const CONTENT_RETRY_CAP_MS = 5 * 60_000;
/** A form that needs the regions list asks for it this many times before waiting for the content sync. */
const SOATO_TRIES = 5;

const OPERATOR_PREFIX = operatorOwner('');
/** States of an application still to be sent (a blocked one goes once its sender is accepted again). */
const WAITING_STATES: readonly OutboxState[] = ['queued', 'sending', 'blocked'];

/** Answers and profile details on their way to the database, written in the order typed. */
const pendingWrites = new TaskQueue();
/**
 * New drafts opened and not stored yet, by id: the first answer stores one (a form opened and left
 * leaves no draft), and opening it again before that gives the same draft, under the same id.
 */
const unsaved = new Map<string, OpenedDraft>();

export const queries = {
  catalogue: (d: XizmatDb) => d.catalogue.toArray(),
  // null, not undefined, for "not on this device": undefined means still loading.
  service: (id: string) => (d: XizmatDb) => d.catalogue.get(id).then((row) => row ?? null),
  form: (serviceId: string, version: number) => (d: XizmatDb) => d.forms.get([serviceId, version]).then((row) => row ?? null),
  soato: (d: XizmatDb) => d.refs.get('soato').then((row) => row?.data),
  outbox: (d: XizmatDb) => d.outbox.where('owner').equals(currentOwner()).reverse().sortBy('finalisedAt'),
  /**
   * Waiting items of the person worked for now: on a shared phone nobody sees another's queue, not
   * even its size. Applications carried for others (hand-over files) are not theirs.
   */
  waitingCount: (d: XizmatDb) => d.outbox.where('owner').equals(currentOwner()).filter((row) => (row.state === 'queued' || row.state === 'sending') && !row.carried).count(),
  /**
   * For an operator with no resident chosen: how many applications of their residents wait to be
   * sent, so the outbox can say so without showing whose. Zero for anyone else.
   */
  residentsWaiting: async (d: XizmatDb) => {
    const owner = currentOwner();
    if (!owner.startsWith(OPERATOR_PREFIX)) return 0;
    const residents = (await d.residents.where('operator').equals(owner.slice(OPERATOR_PREFIX.length)).primaryKeys()).map(residentOwner);
    return residents.length === 0 ? 0 : d.outbox.where('owner').anyOf(residents).filter((row) => row.kind !== 'feedback' && !row.carried && WAITING_STATES.includes(row.state)).count();
  },
  lastContentSync: (d: XizmatDb) => d.meta.get(LAST_CONTENT_SYNC).then((row) => row?.value as string | undefined),
  draft: (id: string) => (d: XizmatDb) => d.drafts.get(id),
  /** Every unfinished draft of this phone's owner. */
  drafts: (d: XizmatDb) => d.drafts.where('owner').equals(currentOwner()).toArray().then((rows) => Promise.all(rows.map(readable))),
  /** One finalised application; null when it is not on this phone. */
  outboxItem: (id: string) => (d: XizmatDb) => d.outbox.get(id).then((row) => (row?.owner === currentOwner() ? row : null)),
  /** The owner's details kept on this phone for prefill; null before the first one. */
  profile: (d: XizmatDb) => d.profiles.get(currentOwner()).then(async (row): Promise<ProfileRow | null> => (row ? { ...row, values: await profileValues(row, vaultFor(row.owner)) } : null)),
  /**
   * This phone's citizen sign-in as the screens show it (never its key); null without one, and null
   * while an operator works here: the sign-in is the phone owner's, not theirs nor a resident's.
   */
  citizen: (d: XizmatDb) => readCitizen(d).then((row): CitizenView | null => (
    row && currentOwner() === OWNER_SELF && sessionView().mode === 'citizen' ? { state: row.state, standIn: row.standIn, session: row.session ?? null } : null)),
};

/** What the screens know of this phone's citizen sign-in. */
export interface CitizenView {
  state: CitizenRecord['state'];
  standIn: boolean;
  session: NonNullable<CitizenRecord['session']> | null;
}

/**
 * A draft with its answers in clear for the screen (a PIN owner's are encrypted at rest: docs/security.md).
 * The decryption runs after Dexie's read, so the live query still watches the row.
 */
async function readable(draft: DraftRow): Promise<DraftRow> {
  if (!draft.sealed && !draft.reopened) return draft;
  const { sealed: _sealed, reopened: _reopened, ...rest } = draft;
  return { ...rest, answers: await draftAnswers(db, draft, vaultFor(draft.owner)).catch(() => ({})) };
}

/** The draft to fill (core/drafts/open-draft): asked for, latest, or new and prefilled from the profile. */
export async function openDraft(serviceId: string, formVersion: number, draftId?: string): Promise<OpenedDraft> {
  // Whose draft it is depends on who is signed in on this phone: read that first. Answers still on
  // their way to the database are waited for, so the draft opened holds them.
  await startSession();
  await settleWrites();
  const owner = currentOwner();
  const waiting = draftId ? unsaved.get(draftId) : undefined;
  if (waiting && waiting.owner === owner && waiting.serviceId === serviceId) return waiting;
  const draft = await openDraftIn(db, serviceId, formVersion, draftId, owner, vaultFor(owner));
  if (draft.unsaved) unsaved.set(draft.id, draft);
  // The first draft is the moment there is something to lose: ask the browser not to evict us.
  void navigator.storage?.persist?.().catch(() => false);
  return draft;
}

/** Stores a draft opened and not stored yet (a photo or Submit before any typed answer); in order with the answers. */
function keepIfUnsaved(draftId: string): Promise<void> {
  return pendingWrites.run(async () => {
    const draft = unsaved.get(draftId);
    if (!draft) return;
    await keepDraft(db, draft, vaultFor(draft.owner));
    unsaved.delete(draftId);
  });
}

/**
 * Deletes one of the current owner's drafts and the photos only it used, after the person
 * confirmed. Never an application in the outbox, nor a draft that corrects one (false then).
 */
export async function deleteDraft(draftId: string): Promise<boolean> {
  await settleWrites();
  unsaved.delete(draftId);
  try {
    return await deleteDraftIn(db, draftId, currentOwner());
  } catch {
    return false;
  }
}

/** A failure the UI can put into words; never a raw DOMException. */
export type StoreProblem = 'storage_full' | 'storage_failed';

function toProblem(error: unknown): StoreProblem {
  return isQuotaError(error) ? 'storage_full' : 'storage_failed';
}

/** Saves one answer; resolves to a problem when the phone could not store it. */
export function saveAnswer(draftId: string, field: string, value: Answers[string]): Promise<StoreProblem | null> {
  const vault = vaultFor(currentOwner());
  return pendingWrites.run(async () => {
    // The first answer of a new draft stores it; a failed write leaves it to the next answer.
    await saveDraftAnswer(db, unsaved.get(draftId) ?? draftId, field, value, vault);
    unsaved.delete(draftId);
  }).then(() => null, toProblem);
}

/** Saves one detail of the person's profile; resolves to a problem when the phone could not store it. */
export function saveProfileValue(key: ProfileKey, value: string): Promise<StoreProblem | null> {
  const owner = currentOwner();
  return pendingWrites.run(() => saveProfileIn(db, owner, key, value, vaultFor(owner))).then(() => null, toProblem);
}

type PhotoResult = { ok: true; ref: string; size: number } | { ok: false; problem: StoreProblem | 'photo_unreadable' };

/** Compresses a taken or picked photo and keeps it with the draft; the original never leaves the phone. */
export async function attachPhoto(draftId: string, field: string, file: Blob): Promise<PhotoResult> {
  await keepIfUnsaved(draftId).catch(() => undefined);
  await settleWrites();
  let photo: Blob;
  try {
    photo = await (await import('./worker-bridge')).compressPhotoInWorker(file);
  } catch {
    // No module workers or no OffscreenCanvas in them: compress here rather than not at all.
    try {
      photo = await compressPhoto(file);
    } catch {
      return { ok: false, problem: 'photo_unreadable' };
    }
  }
  try {
    return { ok: true, ref: await keepAttachment(draftId, field, photo), size: photo.size };
  } catch (error) {
    return { ok: false, problem: toProblem(error) };
  }
}

type FileResult = { ok: true; ref: string; size: number } | { ok: false; problem: StoreProblem | 'file_type' | 'file_too_large' };

/**
 * Keeps a document file (a file field) with the draft, as it is: its type is read from its first
 * bytes, not its name, and it must be one the field accepts and within MAX_ATTACHMENT_BYTES.
 */
export async function attachFile(draftId: string, field: string, file: Blob, accept: readonly FileType[]): Promise<FileResult> {
  await keepIfUnsaved(draftId).catch(() => undefined);
  await settleWrites();
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'file_too_large' };
  const type = sniffFileType(new Uint8Array(await file.slice(0, FILE_SIGNATURE_BYTES).arrayBuffer()));
  if (!type || !accept.includes(type)) return { ok: false, problem: 'file_type' };
  try {
    return { ok: true, ref: await keepAttachment(draftId, field, new Blob([file], { type })), size: file.size };
  } catch (error) {
    return { ok: false, problem: toProblem(error) };
  }
}

/** Keeps a photo or document as the question's answer; one it replaces leaves the phone unless still needed. */
async function keepAttachment(draftId: string, field: string, blob: Blob): Promise<string> {
  const vault = vaultFor(currentOwner());
  const draft = await db.drafts.get(draftId);
  const before = draft ? parseAttachmentRef((await draftAnswers(db, draft, vault).catch(() => ({})) as Answers)[field]) : null;
  const ref = await storePhoto(db, draftId, field, blob);
  // Not forgotten is only bytes kept until the draft goes: never a reason to fail the attach.
  if (before && ref !== attachmentRef(before)) await forgetPhoto(db, draftId, before, vault).catch(() => undefined);
  return ref;
}

/** Takes a photo or document off a draft's question (Remove); resolves to a problem when the phone could not store it. */
export function detachAttachment(draftId: string, field: string): Promise<StoreProblem | null> {
  const vault = vaultFor(currentOwner());
  return pendingWrites.run(() => detachPhoto(db, draftId, field, vault)).then(() => null, toProblem);
}

/**
 * The bytes of an attached photo or document for a thumbnail; null when they are not on this phone
 * (the server holds them already) or are sealed to the server's key.
 */
export async function readAttachment(sha256: string): Promise<Blob | null> {
  const row = await db.blobs.get(sha256).catch(() => undefined);
  return row && !row.sealed ? row.blob : null;
}

/** Resolves when every answer typed so far is on disk (before a reload for an update). */
export function settleWrites(): Promise<void> {
  return pendingWrites.settled();
}

/** The User Timing measure around validating and committing an application to the outbox. */
export const ENQUEUE_MEASURE = 'xizmat:enqueue';

type SubmitResult =
  | { ok: true; item: OutboxRow }
  /** An application for a resident needs the resident's consent first. */
  | { ok: false; consentNeeded: true }
  | { ok: false; problems: FieldProblem[] }
  | { ok: false; storage: StoreProblem };

/** Finalises the draft into the outbox and starts sending if the network allows. */
export async function submitDraft(draftId: string, serviceId: string, formVersion: number, consent?: OnBehalf['consent']): Promise<SubmitResult> {
  // A form the profile filled whole is submitted without a keystroke: its draft is stored first.
  try {
    await keepIfUnsaved(draftId);
  } catch (error) {
    return { ok: false, storage: toProblem(error) };
  }
  await settleWrites();
  const owner = currentOwner();
  const onBehalf = consent ? onBehalfOf(consent) : null;
  if (owner.startsWith('resident:') && !onBehalf) return { ok: false, consentNeeded: true };
  try {
    const [form, soato] = await Promise.all([db.forms.get([serviceId, formVersion]), db.refs.get('soato')]);
    if (!form || !soato) return { ok: false, storage: 'storage_failed' };
    const started = performance.now();
    const signer = onBehalf ? currentSigner() : null;
    // The phone's citizen vouches only for the phone owner's own applications, never while an operator works here.
    const citizen = !onBehalf && owner === OWNER_SELF && sessionView().mode === 'citizen' ? await signedInCitizen(db) : null;
    const result = await finaliseDraft(db, draftId, form, soato.data, new Date(), {
      readAnswers: (draft) => draftAnswers(db, draft, vaultFor(draft.owner)),
      ...(onBehalf ? { onBehalf } : {}),
      ...(signer ? { delegation: signer } : {}),
      ...(citizen ? { citizen } : {}),
    });
    // T6 of docs/performance.md (enqueue to saved, lab p95 ≤ 25 ms): bench/budgets.ts reads this measure.
    performance.measure(ENQUEUE_MEASURE, { start: started });
    if (result.ok) {
      void requestBackgroundSync();
      void sendNow();
    }
    return result;
  } catch (error) {
    // The transaction rolled back whole: the draft is still a draft, nothing half-queued.
    return { ok: false, storage: toProblem(error) };
  }
}

/**
 * Sends what is waiting now, ignoring our backoff (not the server's Retry-After). Pressed by the
 * person, it also releases items blocked by a 401/403 for another try.
 */
export async function sendNow(options: { unblock?: boolean } = {}): Promise<void> {
  if (options.unblock) {
    await db.transaction('rw', db.outbox, async () => {
      const blocked = await db.outbox.where('state').equals('blocked').toArray();
      await db.outbox.bulkPut(blocked.map((row) => transition(row, { type: 'unblock', at: Date.now() })));
    });
  }
  if (!navigator.onLine) return;
  const report = await flushOutbox(db, { force: true }).catch(() => null);
  // Another sender (the service worker, woken by the same return of the network) held the lock. If
  // its try fails, this wake-up must not be lost until the timer: look once more shortly after.
  if (report && !report.ran) window.setTimeout(() => void flushOutbox(db, { force: true }).catch(() => undefined), BUSY_RETRY_MS);
}

/** Signs an on-behalf application the server refused for its operator's proof again, and sends it. */
export async function signAgainAndSend(id: string): Promise<SignAgainOutcome> {
  const outcome = await signAgain(id);
  if (outcome === 'signed') {
    void requestBackgroundSync();
    void sendNow();
  }
  return outcome;
}

/** Space this origin uses and may use, in bytes, where the browser says. */
export async function storageUse(): Promise<{ usage: number; quota: number; persisted: boolean } | null> {
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  if (!estimate?.quota) return null;
  const persisted = (await navigator.storage.persisted?.().catch(() => false)) ?? false;
  return { usage: estimate.usage ?? 0, quota: estimate.quota, persisted };
}

let contentSync: Promise<void> | null = null;
let contentFailures = 0;
let contentTimer: number | undefined;

/**
 * Brings the catalogue, seal key, regions and popular forms onto the phone now; when it fails, says
 * so in the database (the home screen shows it) and tries again with backoff while the app is open.
 */
export function syncContentNow(): Promise<void> {
  window.clearTimeout(contentTimer);
  contentSync ??= syncContent(db).then(
    () => { contentFailures = 0; },
    async () => {
      contentFailures++;
      const delay = retryDelay(contentFailures, Math.random, CONTENT_RETRY_BASE_MS, CONTENT_RETRY_CAP_MS);
      await noteContentSyncFailed(db, new Date(Date.now() + delay)).catch(() => undefined);
      contentTimer = window.setTimeout(() => { if (navigator.onLine) void syncContentNow(); }, delay);
    },
  ).finally(() => { contentSync = null; });
  return contentSync;
}

/** Brings the regions list now for a form that asks for it, when the content sync has not yet. */
export async function ensureSoato(): Promise<void> {
  for (let tries = 1; tries <= SOATO_TRIES && !(await db.refs.get('soato')); tries++) {
    try {
      await syncSoato(db, (input, init) => fetch(input, init), API_BASE);
    } catch {
      await new Promise((resolve) => window.setTimeout(resolve, retryDelay(tries, Math.random, 1_000, 15_000)));
    }
  }
}

let started = false;

/**
 * Page-side wake-ups of the sender and content sync: on start, when the network returns, and on
 * a timer while the app is open. The service worker's Background Sync covers a closed tab.
 */
export function startBackgroundWork(): void {
  if (started) return;
  started = true;
  // Opening upgrades the database to this build's schema. When that fails, the page works from the
  // database as it is: the queue is still counted and sent, and the person and the server are told.
  void db.open().then(() => {
    forgetUpgradeFailure();
    startWork();
  }, () => startUpgradeFallback());
}

function startWork(): void {
  void startSession();
  const checked = watchForEviction();
  const refresh = async () => {
    if (!navigator.onLine) return;
    await checked;
    await reportEviction(db);
    await syncContentNow();
    await sendNow();
    await syncStatusesNow();
  };
  void refresh();
  window.addEventListener('online', () => void refresh());
  window.setInterval(() => {
    if (navigator.onLine && document.visibilityState === 'visible') void flushOutbox(db).catch(() => undefined);
  }, SEND_TIMER_MS);
  window.setInterval(() => {
    if (document.visibilityState === 'visible') void syncStatusesNow();
  }, STATUS_TIMER_MS);
}

const localCanary: CanaryStore = {
  get: () => localStorage.getItem(CANARY_KEY),
  set: (value) => localStorage.setItem(CANARY_KEY, value),
};

/** Detects at start that the browser deleted our database, then keeps the canary's count current. */
async function watchForEviction(): Promise<void> {
  const deviceId = await checkStorage(db, localCanary).catch(() => null);
  if (!deviceId) return;
  watch((d) => d.outbox.where('state').noneOf(['delivered']).count(), (unsent) => noteUnsent(localCanary, deviceId, unsent));
}

/** The eviction the person has not yet acknowledged, if any. */
export const evictionQuery = (d: XizmatDb) =>
  d.meta.get(EVICTION_META).then((row) => {
    const record = row?.value as EvictionRecord | undefined;
    return record && !record.dismissed ? record.event : null;
  });

export async function dismissEviction(): Promise<void> {
  const row = await db.meta.get(EVICTION_META);
  if (row) await db.meta.put({ key: EVICTION_META, value: { ...(row.value as EvictionRecord), dismissed: true } });
}
