import { isReceiptFor, isSealedReopen, type FieldProblem } from '../../contract/index';
import type { OutboxRow } from '../db/records';
import type { OutboxEvent } from './outbox-machine';
import { REFUSED_PROOF_CODES } from './refused-proof';
import { retryAfterMs, retryDelay } from './retry-delay';

/** After a 409 "in progress" the first request is still running: look again soon. */
const IN_PROGRESS_RETRY_MS = 3_000;

/** What came back for one POST of a batch. */
export type SendOutcome =
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'http'; status: number; retryAfter: string | null; body: unknown };

/** Either one event per item, or "send these items in smaller batches" (413, or a 400 for the batch). */
type Verdict = { kind: 'events'; events: OutboxEvent[] } | { kind: 'split' };

/**
 * Reads the server's answer into outbox events, following the table in docs/reliability.md, "The
 * outbox: states and what each answer does". Only a receipt that echoes an item's id delivers it;
 * anything unreadable is a retry, never a delivery.
 */
export function judgeResponse(items: OutboxRow[], outcome: SendOutcome, now: number): Verdict {
  const retry = (item: OutboxRow, reason: Extract<OutboxEvent, { type: 'retry' }>['reason'], delayMs?: number, notBefore?: number | null): OutboxEvent =>
    ({ type: 'retry', at: now, delayMs: delayMs ?? retryDelay(item.attempts), reason, notBefore: notBefore ?? null });
  const all = (event: (item: OutboxRow) => OutboxEvent): Verdict => ({ kind: 'events', events: items.map(event) });

  if (outcome.kind === 'network') return all((item) => retry(item, 'network'));
  if (outcome.kind === 'timeout') return all((item) => retry(item, 'timeout'));
  const { status, body } = outcome;
  if (status === 401 || status === 403) return all(() => ({ type: 'unauthorised', code: errorCode(body) ?? `http_${status}` }));
  if ((status === 413 || status === 400) && items.length > 1) return { kind: 'split' };
  if (status === 413) return all(() => ({ type: 'rejected', code: 'too_large' }));
  if (status === 409) return all((item) => retry(item, 'in_progress', IN_PROGRESS_RETRY_MS));
  if (status === 429 || status === 503) {
    const wait = retryAfterMs(outcome.retryAfter, now);
    return all((item) => retry(item, 'busy', wait ?? undefined, wait === null ? null : now + wait));
  }
  if (status >= 400 && status < 500 && status !== 408) {
    return all(() => ({ type: 'rejected', code: errorCode(body) ?? `http_${status}` }));
  }
  if (status < 200 || status >= 300) return all((item) => retry(item, 'server_error'));
  const results = Array.isArray((body as { results?: unknown } | null)?.results) ? (body as { results: unknown[] }).results : [];
  return all((item) => judgeItem(item, results, retry));
}

function judgeItem(
  item: OutboxRow, results: unknown[], retry: (item: OutboxRow, reason: 'not_a_receipt') => OutboxEvent,
): OutboxEvent {
  const result = results.find((r) => (r as { id?: unknown } | null)?.id === item.id);
  if (isReceiptFor(item.id, result)) return { type: 'delivered', receipt: result.receipt };
  const failed = result as { status?: unknown; error?: { code?: unknown; fields?: unknown; reopenSealed?: unknown } } | undefined;
  const code = failed?.error?.code;
  // The operator's or citizen's proof on this item is refused or missing: nothing to retry as it is;
  // the item waits, kept whole, until the person signs in and it is signed again.
  if (failed?.status === 403 && typeof code === 'string' && (REFUSED_PROOF_CODES as readonly string[]).includes(code)) return { type: 'rejected', code };
  // This item only is refused for who sent it (a revoked phone).
  if ((failed?.status === 401 || failed?.status === 403) && typeof code === 'string') return { type: 'unauthorised', code };
  if ((failed?.status === 422 || failed?.status === 404) && typeof code === 'string') {
    if (code === 'id_reused') return { type: 'conflict' };
    const error = failed.error!;
    const fields = Array.isArray(error.fields) ? (error.fields as FieldProblem[]) : undefined;
    const reopen = isSealedReopen(error.reopenSealed) ? error.reopenSealed : undefined;
    return { type: 'rejected', code, ...(fields ? { fields } : {}), ...(reopen ? { reopen } : {}) };
  }
  // A 2xx without a receipt for this id: a captive portal, a proxy page, a truncated body.
  return retry(item, 'not_a_receipt');
}

function errorCode(body: unknown): string | null {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : null;
}
