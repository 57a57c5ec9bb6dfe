import type pg from 'pg';
import {
  canMoveStatus, parseLocalReference, type ApplicationStatus, type FeedbackItem, type FeedbackSummary, type Receipt,
  type SubmissionItem,
} from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import { postgresTransaction } from './postgres-transaction';
import { receiptNumber } from './receipt-number';
import { APPLICATION_COLUMNS, receiptOf, replyKeyColumn, summarise, toChange, toSummary, type ApplicationRow } from './sqlite-lifecycle';
import type { ApplicationSummary, MoveResult, ReviseResult, SaveResult, StatusMove, StatusPage } from './storage';

/**
 * Any constant all instances agree on: the advisory lock that orders status changes. Moves and
 * corrections take it exclusively, from their sequence number until their commit; readers of
 * statusChanges take it shared. A reader therefore never runs while a move holds a number it has
 * not committed, so no cursor passes over a move that commits later; readers never wait on each other.
 */
export const STATUS_LOCK_KEY = 0x58495a53; // 'XIZS'

/** A row as pg returns it: BIGINT comes back as a string. */
type PgApplicationRow = Omit<ApplicationRow, 'status_seq'> & { status_seq: string | number };

const toRow = (row: PgApplicationRow): ApplicationRow => ({ ...row, status_seq: Number(row.status_seq) });

/**
 * The application lifecycle and feedback in PostgreSQL (issue 9), the same rules as SqliteLifecycle.
 * A new application takes its first status number from the sequence without the lock, so inserts
 * from many instances never queue behind one another; a reader may then pass over a "received" that
 * commits after a higher number, which the phone already holds as its receipt. Every later change
 * (a move, a correction) is numbered under the lock and is seen exactly once.
 */
export class PostgresLifecycle {
  constructor(private readonly pool: pg.Pool, private readonly now: () => Date) {}

  revise(item: SubmissionItem & { revision: number }, hash: string): Promise<ReviseResult> {
    return this.inStatusTransaction(async (client): Promise<ReviseResult> => {
      const row = await find(client, 'id = $1', [item.id]);
      if (!row) return { kind: 'not_found' };
      if (row.revision === item.revision && row.payload_hash === hash) return { kind: 'replayed', receipt: receiptOf(row) };
      if (row.revision !== item.revision - 1 || !canMoveStatus(row.status, 'received', 'applicant')) return { kind: 'not_returned' };
      const at = this.now().toISOString();
      await client.query(
        `UPDATE submissions SET payload = $1, payload_hash = $2, form_version = $3, finalised_at = $4, revision = $5,
           status = 'received', status_message = NULL, status_seq = $6, updated_at = $7, reply_key = COALESCE($8, reply_key) WHERE id = $9`,
        [submissionPayload(item), hash, item.formVersion, item.finalisedAt, item.revision, await lockedStatusSeq(client), at, replyKeyColumn(item), item.id],
      );
      await audit(client, item.id, item.revision, 'received', null, 'applicant', at);
      return { kind: 'revised', receipt: receiptOf(row) };
    });
  }

  move(move: StatusMove): Promise<MoveResult> {
    return this.inStatusTransaction(async (client): Promise<MoveResult> => {
      const row = await lookup(client, move.application);
      if (!row) return { kind: 'not_found' };
      if (!canMoveStatus(row.status, move.to, 'agency')) return { kind: 'invalid', from: row.status };
      const at = this.now().toISOString();
      const message = move.message ? JSON.stringify(move.message) : null;
      await client.query(
        'UPDATE submissions SET status = $1, status_message = $2, status_seq = $3, updated_at = $4 WHERE id = $5',
        [move.to, message, await lockedStatusSeq(client), at, row.id],
      );
      await audit(client, row.id, row.revision, move.to, message, move.actor, at);
      return { kind: 'moved', change: toChange((await find(client, 'id = $1', [row.id]))!) };
    });
  }

  async changes(deviceHash: string, since: number, limit: number): Promise<StatusPage> {
    const rows = await postgresTransaction(this.pool, async (client) => {
      // Shared: waits only for a move or correction in flight, whose number might be below what we read.
      await client.query('SELECT pg_advisory_xact_lock_shared($1)', [STATUS_LOCK_KEY]);
      // A statement after the lock, so its snapshot includes every move that held the lock before us.
      return (await client.query<PgApplicationRow>(
        `SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE device_hash = $1 AND status_seq > $2 ORDER BY status_seq LIMIT $3`,
        [deviceHash, since, limit + 1],
      )).rows;
    });
    const page = rows.slice(0, limit).map(toRow);
    return { changes: page.map(toChange), cursor: page.at(-1)?.status_seq ?? since, more: rows.length > limit };
  }

  async applications(query: { status?: ApplicationStatus; text?: string; limit: number }): Promise<ApplicationSummary[]> {
    const text = query.text?.trim();
    const client = await this.pool.connect();
    try {
      if (text) {
        const row = await lookup(client, text);
        return row && (!query.status || row.status === query.status) ? [toSummary(row)] : [];
      }
      const { rows } = query.status
        ? await client.query<PgApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE status = $1 ORDER BY seq DESC LIMIT $2`, [query.status, query.limit])
        : await client.query<PgApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM submissions ORDER BY seq DESC LIMIT $1`, [query.limit]);
      return rows.map((row) => toSummary(toRow(row)));
    } finally {
      client.release();
    }
  }

  /** Insert-or-compare like saveSubmission: ON CONFLICT DO NOTHING, then read what the winner stored. */
  async saveFeedback(item: FeedbackItem, hash: string, deviceHash: string | null): Promise<SaveResult> {
    const select = 'SELECT id, number, received_at, payload_hash FROM feedback WHERE id = $1';
    type FeedbackRow = { id: string; number: string; received_at: string; payload_hash: string };
    const answer = (found: FeedbackRow): SaveResult => found.payload_hash === hash
      ? { kind: 'replayed', receipt: { id: found.id, number: found.number, receivedAt: found.received_at } }
      : { kind: 'conflict' };
    const client = await this.pool.connect();
    try {
      const { rows: [found] } = await client.query<FeedbackRow>(select, [item.id]);
      if (found) return answer(found);
      const receivedAt = this.now();
      const { rows: [next] } = await client.query<{ seq: string }>("SELECT nextval('feedback_seq') AS seq");
      const seq = Number(next!.seq);
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq, 'FB'), receivedAt: receivedAt.toISOString() };
      const inserted = await client.query(
        `INSERT INTO feedback (id, seq, number, service_id, application_id, rating, comment, given_at, received_at, device_hash, payload_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
        [item.id, seq, receipt.number, item.serviceId, item.applicationId, item.rating, item.comment, item.givenAt, receipt.receivedAt, deviceHash, hash],
      );
      if (inserted.rowCount === 1) return { kind: 'created', receipt };
      // A twin from another instance committed first: its row decides.
      const { rows: [winner] } = await client.query<FeedbackRow>(select, [item.id]);
      return answer(winner!);
    } finally {
      client.release();
    }
  }

  async feedbackSummaries(): Promise<FeedbackSummary[]> {
    const { rows } = await this.pool.query<{ service_id: string; rating: number; n: string }>(
      'SELECT service_id, rating, COUNT(*) AS n FROM feedback GROUP BY service_id, rating ORDER BY service_id',
    );
    return summarise(rows.map((r) => ({ serviceId: r.service_id, rating: r.rating, count: Number(r.n) })));
  }

  /** One transaction holding the status lock exclusively from the start, so its number and its commit keep their order. */
  private inStatusTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return postgresTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [STATUS_LOCK_KEY]);
      return work(client);
    });
  }
}

/** The next status number; only inside inStatusTransaction. */
async function lockedStatusSeq(client: pg.ClientBase): Promise<number> {
  const { rows: [row] } = await client.query<{ seq: string }>("SELECT nextval('status_sequence') AS seq");
  return Number(row!.seq);
}

// No FOR UPDATE: every writer of an existing row's status holds the exclusive status lock.
async function find(client: pg.ClientBase, where: string, values: unknown[]): Promise<ApplicationRow | undefined> {
  const { rows: [row] } = await client.query<PgApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM submissions WHERE ${where}`, values);
  return row ? toRow(row) : undefined;
}

/** By id, application number or local reference, as an official would type it. */
async function lookup(client: pg.ClientBase, text: string): Promise<ApplicationRow | undefined> {
  const byKey = await find(client, 'id = $1 OR number = $2', [text.toLowerCase(), text.toUpperCase()]);
  if (byKey) return byKey;
  const reference = parseLocalReference(text);
  return reference ? find(client, 'local_ref = $1', [reference]) : undefined;
}

async function audit(
  client: pg.ClientBase, id: string, revision: number, status: ApplicationStatus, message: string | null, actor: string, at: string,
): Promise<void> {
  await client.query(
    'INSERT INTO status_events (submission_id, revision, status, message, actor, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, revision, status, message, actor, at],
  );
}
