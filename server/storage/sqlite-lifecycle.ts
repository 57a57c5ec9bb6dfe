import type { Database } from 'better-sqlite3';
import {
  canMoveStatus, localReference, parseLocalReference, publicMembers, type ApplicationStatus, type FeedbackItem, type FeedbackSummary,
  type OnBehalf, type P256PublicJwk, type Receipt, type StatusMessage, type SubmissionItem,
} from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import { receiptNumber } from './receipt-number';
import type { ApplicationSummary, MoveResult, ReviseResult, SaveResult, StatusMove, StatusPage, StoredStatusChange } from './storage';

export interface ApplicationRow {
  id: string;
  number: string;
  local_ref: string | null;
  service_id: string;
  form_version: number;
  status: ApplicationStatus;
  status_message: string | null;
  status_seq: number;
  revision: number;
  payload: string;
  payload_hash: string;
  received_at: string;
  updated_at: string;
  /** Issue 8: the resident and their consent as received (JSON), or null for a person's own. */
  on_behalf: string | null;
  /** Issue 8: the operator who applied (kept in its own column). */
  operator_id: string | null;
  /** The reply key it carried (JSON of a public JWK), that its answers are sealed to on the way back. */
  reply_key: string | null;
}

export const APPLICATION_COLUMNS = `id, number, local_ref, service_id, form_version, status, status_message, status_seq, revision,
  payload, payload_hash, received_at, updated_at, on_behalf, operator_id, reply_key`;

/**
 * The application lifecycle and feedback in SQLite (issue 9). Every write runs in an IMMEDIATE
 * transaction, which takes SQLite's one writer lock first: status sequence numbers are therefore
 * handed out in commit order and a phone's cursor never skips a change.
 */
export class SqliteLifecycle {
  constructor(private readonly db: Database, private readonly now: () => Date) {}

  /** The next status sequence number; call inside a write transaction. */
  nextStatusSeq(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(status_seq), 0) + 1 AS seq FROM submissions').get() as { seq: number }).seq;
  }

  revise(item: SubmissionItem & { revision: number }, hash: string): ReviseResult {
    return this.db.transaction((): ReviseResult => {
      const row = this.find(item.id);
      if (!row) return { kind: 'not_found' };
      if (row.revision === item.revision && row.payload_hash === hash) return { kind: 'replayed', receipt: receiptOf(row) };
      if (row.revision !== item.revision - 1 || !canMoveStatus(row.status, 'received', 'applicant')) return { kind: 'not_returned' };
      const at = this.now().toISOString();
      this.db.prepare(
        `UPDATE submissions SET payload = ?, payload_hash = ?, form_version = ?, finalised_at = ?, revision = ?,
           status = 'received', status_message = NULL, status_seq = ?, updated_at = ?, reply_key = COALESCE(?, reply_key) WHERE id = ?`,
      ).run(submissionPayload(item), hash, item.formVersion, item.finalisedAt, item.revision, this.nextStatusSeq(), at, replyKeyColumn(item), item.id);
      this.audit(item.id, item.revision, 'received', null, 'applicant', at);
      return { kind: 'revised', receipt: receiptOf(row) };
    }).immediate();
  }

  move(move: StatusMove): MoveResult {
    return this.db.transaction((): MoveResult => {
      const row = this.lookup(move.application);
      if (!row) return { kind: 'not_found' };
      if (!canMoveStatus(row.status, move.to, 'agency')) return { kind: 'invalid', from: row.status };
      const at = this.now().toISOString();
      const message = move.message ? JSON.stringify(move.message) : null;
      this.db.prepare('UPDATE submissions SET status = ?, status_message = ?, status_seq = ?, updated_at = ? WHERE id = ?')
        .run(move.to, message, this.nextStatusSeq(), at, row.id);
      this.audit(row.id, row.revision, move.to, message, move.actor, at);
      return { kind: 'moved', change: toChange(this.find(row.id)!) };
    }).immediate();
  }

  changes(deviceHash: string, since: number, limit: number): StatusPage {
    const rows = this.db.prepare(
      `SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE device_hash = ? AND status_seq > ? ORDER BY status_seq LIMIT ?`,
    ).all(deviceHash, since, limit + 1) as ApplicationRow[];
    const page = rows.slice(0, limit);
    return { changes: page.map(toChange), cursor: page.at(-1)?.status_seq ?? since, more: rows.length > limit };
  }

  find(id: string): ApplicationRow | undefined {
    return this.db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE id = ?`).get(id) as ApplicationRow | undefined;
  }

  applications(query: { status?: ApplicationStatus; text?: string; limit: number }): ApplicationSummary[] {
    const text = query.text?.trim();
    if (text) {
      const row = this.lookup(text);
      return row && (!query.status || row.status === query.status) ? [toSummary(row)] : [];
    }
    const rows = (query.status
      ? this.db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE status = ? ORDER BY seq DESC LIMIT ?`).all(query.status, query.limit)
      : this.db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM submissions ORDER BY seq DESC LIMIT ?`).all(query.limit)) as ApplicationRow[];
    return rows.map(toSummary);
  }

  saveFeedback(item: FeedbackItem, hash: string, deviceHash: string | null): SaveResult {
    return this.db.transaction((): SaveResult => {
      const found = this.db.prepare('SELECT id, number, received_at, payload_hash FROM feedback WHERE id = ?')
        .get(item.id) as { id: string; number: string; received_at: string; payload_hash: string } | undefined;
      if (found) {
        const receipt = { id: found.id, number: found.number, receivedAt: found.received_at };
        return found.payload_hash === hash ? { kind: 'replayed', receipt } : { kind: 'conflict' };
      }
      const receivedAt = this.now();
      const { seq } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM feedback').get() as { seq: number };
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq, 'FB'), receivedAt: receivedAt.toISOString() };
      this.db.prepare(
        `INSERT INTO feedback (id, seq, number, service_id, application_id, rating, comment, given_at, received_at, device_hash, payload_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(item.id, seq, receipt.number, item.serviceId, item.applicationId, item.rating, item.comment, item.givenAt,
        receipt.receivedAt, deviceHash, hash);
      return { kind: 'created', receipt };
    }).immediate();
  }

  feedbackSummaries(): FeedbackSummary[] {
    const rows = this.db.prepare(
      'SELECT service_id, rating, COUNT(*) AS n FROM feedback GROUP BY service_id, rating ORDER BY service_id',
    ).all() as { service_id: string; rating: number; n: number }[];
    return summarise(rows.map((r) => ({ serviceId: r.service_id, rating: r.rating, count: r.n })));
  }

  /** By id, application number or local reference, as an official would type it. */
  private lookup(text: string): ApplicationRow | undefined {
    const byKey = this.db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE id = ? OR number = ?`)
      .get(text.toLowerCase(), text.toUpperCase()) as ApplicationRow | undefined;
    if (byKey) return byKey;
    const reference = parseLocalReference(text);
    return reference
      ? this.db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE local_ref = ?`).get(reference) as ApplicationRow | undefined
      : undefined;
  }

  private audit(id: string, revision: number, status: ApplicationStatus, message: string | null, actor: string, at: string): void {
    this.db.prepare('INSERT INTO status_events (submission_id, revision, status, message, actor, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, revision, status, message, actor, at);
  }
}

/** Rows of (service, rating, count) into one summary per service; shared with the PostgreSQL adapter. */
export function summarise(rows: { serviceId: string; rating: number; count: number }[]): FeedbackSummary[] {
  const byService = new Map<string, FeedbackSummary>();
  for (const { serviceId, rating, count } of rows) {
    const summary = byService.get(serviceId) ?? { serviceId, count: 0, average: 0, distribution: [0, 0, 0, 0, 0] };
    summary.distribution[rating - 1] = count;
    summary.count += count;
    byService.set(serviceId, summary);
  }
  for (const summary of byService.values()) {
    const total = summary.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
    summary.average = Math.round((total / summary.count) * 100) / 100;
  }
  return [...byService.values()];
}

export function receiptOf(row: ApplicationRow): Receipt {
  return { id: row.id, number: row.number, receivedAt: row.received_at };
}

export function toChange(row: ApplicationRow): StoredStatusChange {
  const change: StoredStatusChange = {
    id: row.id, serviceId: row.service_id, number: row.number, status: row.status,
    message: row.status_message ? JSON.parse(row.status_message) as StatusMessage : null,
    changedAt: row.updated_at, revision: row.revision,
  };
  if (row.status === 'returned') {
    const stored = JSON.parse(row.payload) as Pick<SubmissionItem, 'formVersion' | 'answers' | 'raw'>;
    change.reopen = {
      formVersion: stored.formVersion, answers: stored.answers, ...(stored.raw ? { raw: stored.raw } : {}),
      replyKey: row.reply_key ? JSON.parse(row.reply_key) as P256PublicJwk : null,
    };
  }
  return change;
}

/** What the reply_key column keeps of an item: only the key's public members. */
export function replyKeyColumn(item: SubmissionItem): string | null {
  return item.replyKey ? JSON.stringify(publicMembers(item.replyKey)) : null;
}

export function toSummary(row: ApplicationRow): ApplicationSummary {
  return {
    id: row.id, number: row.number, localReference: row.local_ref ?? localReference(row.id), serviceId: row.service_id,
    status: row.status, revision: row.revision, receivedAt: row.received_at, updatedAt: row.updated_at,
    message: row.status_message ? JSON.parse(row.status_message) as StatusMessage : null,
    onBehalf: row.on_behalf && row.operator_id ? { ...(JSON.parse(row.on_behalf) as Omit<OnBehalf, 'operatorId'>), operatorId: row.operator_id } : null,
  };
}
