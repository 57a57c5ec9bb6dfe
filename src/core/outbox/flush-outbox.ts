import { MAX_BATCH_ITEMS, isReceiptFor, type ItemResult, type SubmissionItem } from '../../contract/index';
import type { OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { retryAfterMs, retryDelay } from './retry-delay';
import { withFlushLock } from './with-flush-lock';

/** Give up on one request after this long; a stalled 2G connection otherwise holds the lock forever. */
export const SEND_TIMEOUT_MS = 60_000;
export const SUBMISSIONS_PATH = '/api/v1/submissions';

export interface FlushOptions {
  /** Ignore backoff: a person pressed "Send now", or the network just came back. */
  force?: boolean;
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => number;
}

export interface FlushReport {
  /** False when another sender held the lock and this call did nothing. */
  ran: boolean;
  delivered: number;
  needsAction: number;
  /** Items left queued because the network or server failed; a sync wake-up should come back. */
  retrying: number;
}

/**
 * Sends every due outbox item in batches, one sender at a time across the page and the service
 * worker. An item becomes `delivered` only on a receipt that echoes its id; everything else
 * leaves it queued (with backoff) or needing the person's action. Never deletes an item.
 */
export async function flushOutbox(db: XizmatDb, options: FlushOptions = {}): Promise<FlushReport> {
  const report: FlushReport = { ran: false, delivered: 0, needsAction: 0, retrying: 0 };
  const now = options.now ?? Date.now;
  await withFlushLock(async () => {
    report.ran = true;
    const tried = new Set<string>();
    for (;;) {
      const due = await dueItems(db, now(), options.force === true, tried);
      if (due.length === 0) return;
      due.forEach((item) => tried.add(item.id));
      const stop = await sendBatch(db, due, options, now, report);
      if (stop) return;
    }
  });
  return report;
}

async function dueItems(db: XizmatDb, now: number, force: boolean, tried: Set<string>): Promise<OutboxRow[]> {
  // Holding the lock, any `sending` item was left by a sender that died mid-request: it is due.
  const rows = await db.outbox.where('state').anyOf('queued', 'sending').toArray();
  return rows
    .filter((row) => !tried.has(row.id) && row.payload !== null && (force || row.nextAttemptAt <= now))
    .sort((a, b) => a.finalisedAt.localeCompare(b.finalisedAt))
    .slice(0, MAX_BATCH_ITEMS);
}

/** Returns true when the rest of this flush should stop (the network or server is down). */
async function sendBatch(
  db: XizmatDb, items: OutboxRow[], options: FlushOptions, now: () => number, report: FlushReport,
): Promise<boolean> {
  const startedAt = new Date(now()).toISOString();
  await db.transaction('rw', db.outbox, async () => {
    for (const item of items) {
      await db.outbox.update(item.id, { state: 'sending', attempts: item.attempts + 1, lastAttemptAt: startedAt });
    }
  });
  const submissions = items.map((item) => JSON.parse(item.payload!.body) as SubmissionItem);
  let response: Response;
  let body: unknown;
  try {
    const doFetch = options.fetch ?? fetch;
    response = await doFetch(`${options.baseUrl ?? ''}${SUBMISSIONS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: submissions }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      credentials: 'same-origin',
    });
    body = await response.json().catch(() => undefined);
  } catch {
    await requeue(db, items, now(), null);
    report.retrying += items.length;
    return true;
  }
  if (!response.ok) {
    const refused = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    if (refused) {
      const code = errorCode(body) ?? `http_${response.status}`;
      await settle(db, items.map((item) => ({ item, outcome: { kind: 'needs_action', code } })));
      report.needsAction += items.length;
      return false;
    }
    await requeue(db, items, now(), retryAfterMs(response.headers.get('retry-after'), now()));
    report.retrying += items.length;
    return true;
  }
  const results = (body as { results?: unknown[] } | undefined)?.results;
  const outcomes = items.map((item) => ({ item, outcome: judge(item, Array.isArray(results) ? results : []) }));
  await settle(db, outcomes, now());
  for (const { outcome } of outcomes) {
    if (outcome.kind === 'delivered') report.delivered++;
    else if (outcome.kind === 'needs_action') report.needsAction++;
    else report.retrying++;
  }
  return outcomes.every((o) => o.outcome.kind === 'retry');
}

type Outcome =
  | { kind: 'delivered'; receipt: Extract<ItemResult, { receipt: unknown }>['receipt'] }
  | { kind: 'needs_action'; code: string; fields?: NonNullable<OutboxRow['problem']>['fields'] }
  | { kind: 'retry' };

function judge(item: OutboxRow, results: unknown[]): Outcome {
  const result = results.find((r) => (r as { id?: unknown } | null)?.id === item.id);
  if (isReceiptFor(item.id, result)) return { kind: 'delivered', receipt: result.receipt };
  const failed = result as { status?: unknown; error?: { code?: unknown; fields?: unknown } } | undefined;
  if ((failed?.status === 422 || failed?.status === 404) && typeof failed.error?.code === 'string') {
    const fields = Array.isArray(failed.error.fields) ? (failed.error.fields as NonNullable<OutboxRow['problem']>['fields']) : undefined;
    return { kind: 'needs_action', code: failed.error.code, ...(fields ? { fields } : {}) };
  }
  // A 2xx without a receipt for this id (captive portal, proxy page, truncated body).
  return { kind: 'retry' };
}

async function settle(db: XizmatDb, outcomes: { item: OutboxRow; outcome: Outcome }[], at = Date.now()): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const { item, outcome } of outcomes) {
      if (outcome.kind === 'delivered') {
        await db.outbox.update(item.id, { state: 'delivered', payload: null, receipt: outcome.receipt, problem: null });
      } else if (outcome.kind === 'needs_action') {
        const problem = outcome.fields ? { code: outcome.code, fields: outcome.fields } : { code: outcome.code };
        await db.outbox.update(item.id, { state: 'needs_action', problem });
      } else {
        await db.outbox.update(item.id, { state: 'queued', nextAttemptAt: at + retryDelay(item.attempts + 1) });
      }
    }
  });
}

async function requeue(db: XizmatDb, items: OutboxRow[], now: number, waitMs: number | null): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const item of items) {
      await db.outbox.update(item.id, { state: 'queued', nextAttemptAt: now + (waitMs ?? retryDelay(item.attempts + 1)) });
    }
  });
}

function errorCode(body: unknown): string | null {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : null;
}
