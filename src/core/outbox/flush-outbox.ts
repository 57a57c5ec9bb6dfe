import { DEVICE_KEY_HEADER, MAX_BATCH_ITEMS, SEALED_CODEC, type SubmissionItem } from '../../contract/index';
import { forgetCitizen } from '../citizen/citizen-record';
import type { DraftRow, OutboxRow } from '../db/records';
import type { SyncDb } from '../db/sync-db';
import { deviceKey } from '../device/device-key';
import { ownerIsHere, reopenedAnswers } from '../drafts/reopened-answers';
import { judgeResponse, type SendOutcome } from './judge-response';
import { transition, type OutboxEvent } from './outbox-machine';
import { waitIsOver } from './retry-delay';
import { uploadPending } from './upload-pending';
import { wireItem } from './wire-item';
import { withFlushLock } from './with-flush-lock';

/** Give up on one request after this long; a stalled 2G connection otherwise holds the lock forever. */
const SEND_TIMEOUT_MS = 60_000;
export const SUBMISSIONS_PATH = '/api/v1/submissions';

export interface FlushOptions {
  /** Ignore our backoff: a person pressed "Send now", or the network just came back. */
  force?: boolean;
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => number;
  timeoutMs?: number;
}

interface FlushReport {
  /** False when another sender held the lock and this call did nothing. */
  ran: boolean;
  delivered: number;
  needsAction: number;
  /** Items left queued because the network or server failed; a sync wake-up should come back. */
  retrying: number;
  /** Photos still to upload after this flush. */
  photosWaiting: number;
}

/**
 * Sends every due outbox item in batches, one sender at a time across the page and the service
 * worker. Each state change is a transition of the outbox machine written in one transaction.
 * Never deletes an item.
 */
export async function flushOutbox(db: SyncDb, options: FlushOptions = {}): Promise<FlushReport> {
  const report: FlushReport = { ran: false, delivered: 0, needsAction: 0, retrying: 0, photosWaiting: 0 };
  const now = options.now ?? Date.now;
  await withFlushLock(async () => {
    report.ran = true;
    const tried = new Set<string>();
    let linkUp = true;
    for (;;) {
      const due = await dueItems(db, now(), options.force === true, tried);
      if (due.length === 0) break;
      due.forEach((item) => tried.add(item.id));
      linkUp = await sendBatch(db, due, options, now, report);
      if (!linkUp) break;
    }
    // Photos go after every application has had its turn.
    if (linkUp) report.photosWaiting = await uploadPending(db, { fetch: options.fetch, baseUrl: options.baseUrl });
  });
  return report;
}

async function dueItems(db: SyncDb, now: number, force: boolean, tried: Set<string>): Promise<OutboxRow[]> {
  // Holding the lock, any `sending` item was left by a sender that died mid-request: it is due.
  const rows = await db.outbox.where('state').anyOf(['queued', 'sending']).toArray();
  return rows
    .filter((row) => !tried.has(row.id) && row.payload !== null && waitIsOver(row.notBefore, now) && (force || waitIsOver(row.nextAttemptAt, now)))
    .sort((a, b) => a.finalisedAt.localeCompare(b.finalisedAt))
    .slice(0, MAX_BATCH_ITEMS);
}

/** Sends one batch; returns false when the link or server is failing and the flush should stop. */
async function sendBatch(
  db: SyncDb, items: OutboxRow[], options: FlushOptions, now: () => number, report: FlushReport,
): Promise<boolean> {
  const sending = await apply(db, items.map((item) => ({ item, event: { type: 'send', at: now() } as const })));
  const outcome = await post(sending, options, await deviceKey(db));
  const verdict = judgeResponse(sending, outcome, now());
  if (verdict.kind === 'split') {
    // The server refused the batch as a whole (too large, or malformed): find the culprit by halves.
    const half = Math.ceil(sending.length / 2);
    const first = await sendBatch(db, sending.slice(0, half), options, now, report);
    return first && sendBatch(db, sending.slice(half), options, now, report);
  }
  const moves = sending.map((item, i) => ({ item, event: verdict.events[i]! }));
  const settled = await apply(db, moves, await reopenedFields(db, moves));
  await forgetEndedSignIn(db, settled);
  for (const row of settled) {
    if (row.state === 'delivered') report.delivered++;
    else if (row.state === 'queued') report.retrying++;
    else report.needsAction++;
  }
  return settled.some((row) => row.state !== 'queued' && row.state !== 'blocked');
}

/**
 * An item refused because the sign-in that signed it has ended (signed out, or removed from the
 * citizen's other phone) tells this phone its sign-in is over: the key is forgotten at once, so the
 * app offers a new sign-in instead of showing one the server no longer takes.
 */
async function forgetEndedSignIn(db: SyncDb, settled: OutboxRow[]): Promise<void> {
  for (const row of settled) {
    if (row.problem?.code === 'identity_revoked' && row.citizen) await forgetCitizen(db, row.citizen.keyId);
  }
}

async function post(items: OutboxRow[], options: FlushOptions, key: string): Promise<SendOutcome> {
  const submissions = items.map((item) => wireItem(item));
  try {
    const response = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${SUBMISSIONS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: key },
      body: JSON.stringify({ items: submissions }),
      signal: AbortSignal.timeout(options.timeoutMs ?? SEND_TIMEOUT_MS),
      credentials: 'same-origin',
    });
    const body: unknown = await response.json().catch(() => undefined);
    return { kind: 'http', status: response.status, retryAfter: response.headers.get('retry-after'), body };
  } catch (error) {
    return { kind: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

/**
 * What each sealed item the server sent back for correction reopens with: its answers as they came
 * back sealed to this phone, opened or kept sealed by the owner's PIN (reopenedAnswers), before the
 * transaction that writes the draft. Null: nothing here to reopen it with.
 */
async function reopenedFields(db: SyncDb, moves: { item: OutboxRow; event: OutboxEvent }[]): Promise<Map<string, Reopened | null>> {
  const fields = new Map<string, Reopened | null>();
  for (const { item, event } of moves) {
    if (event.type !== 'rejected' || !event.reopen || item.payload?.codec !== SEALED_CODEC) continue;
    const answers = (await ownerIsHere(db, item.owner)) ? await reopenedAnswers(db, item.owner, item.id, event.reopen.sealed) : null;
    fields.set(item.id, answers && { ...answers, ...(event.reopen.revision ? { revision: event.reopen.revision } : {}) });
  }
  return fields;
}

type Reopened = Pick<DraftRow, 'answers' | 'reopened' | 'revision'>;

/**
 * Writes each item's transition in one transaction. An item the server sent back for correction
 * is reopened as a draft under the same id in that same transaction, so it is never in neither.
 */
async function apply(db: SyncDb, moves: { item: OutboxRow; event: OutboxEvent }[], reopened = new Map<string, Reopened | null>()): Promise<OutboxRow[]> {
  return db.transaction('rw', ['outbox', 'drafts'], async (tx) => {
    const next: OutboxRow[] = [];
    for (const { item, event } of moves) {
      const current = (await tx.outbox.get(item.id)) ?? item;
      const row = transition(current, event);
      await tx.outbox.put(row);
      // Sent back for correction (422) or for a smaller attachment (413): the person edits a draft.
      if (event.type === 'rejected' && (event.fields || event.code === 'too_large')) {
        const draft = reopenedDraft(row, event.fields ?? [], reopened.get(row.id) ?? null);
        if (draft) await tx.drafts.put(draft);
      }
      next.push(row);
    }
    return next;
  });
}

/**
 * The draft to correct. A readable payload gives its answers; a sealed one only the server could
 * open, so its answers come from what the server sent back sealed to this phone, and without them
 * the item stays in the outbox needing action (it can be seen and removed, not edited).
 */
function reopenedDraft(row: OutboxRow, serverProblems: NonNullable<DraftRow['serverProblems']>, reopened: Reopened | null): DraftRow | null {
  const submission: Reopened | null = row.payload!.codec === SEALED_CODEC ? reopened : (JSON.parse(row.payload!.body) as SubmissionItem);
  if (!submission) return null;
  return {
    id: row.id, owner: row.owner, serviceId: row.serviceId, formVersion: row.formVersion, answers: submission.answers,
    ...(submission.reopened ? { reopened: submission.reopened } : {}),
    createdAt: row.finalisedAt, updatedAt: new Date().toISOString(), serverProblems,
    ...(submission.revision ? { revision: submission.revision } : {}),
  };
}
