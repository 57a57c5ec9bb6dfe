import pg from 'pg';
import {
  localReference, type ApplicationStatus, type CatalogueDelta, type DeviceEvent, type FeedbackItem, type FeedbackSummary, type Receipt,
  type SubmissionItem, type SubmissionStatus,
} from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import { PostgresCatalogue } from './postgres-catalogue';
import { PostgresLifecycle } from './postgres-lifecycle';
import { runPostgresMigrations } from './postgres-migrations';
import { PostgresOperators } from './postgres-operators';
import { onBehalfColumn } from './operator-rows';
import { replyKeyColumn } from './sqlite-lifecycle';
import { postgresTransaction } from './postgres-transaction';
import { receiptNumber } from './receipt-number';
import type {
  ApplicationSummary, CatalogueVersion, MoveResult, PublishedCatalogue, ReviseResult, SaveResult, StatusMove, StatusPage, Storage,
  StoredReceipt,
} from './storage';

/**
 * Connections per server instance. A batch stores its items one after another, so one request
 * holds at most one connection at a time; ten lets ten requests commit at once, and ten instances
 * stay within PostgreSQL's default max_connections of 100.
 */
const POOL_SIZE = 10;
/** A request waiting this long for a free connection fails (the phone retries) instead of queueing forever. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresStorageOptions {
  /** The clock that stamps receivedAt; tests pass a fixed one. */
  now?: () => Date;
  /** Connections in this instance's pool. */
  poolSize?: number;
}

interface ReceiptRow {
  id: string;
  number: string;
  received_at: string;
  payload_hash: string;
  revision: number;
  status: ApplicationStatus;
  device_hash: string | null;
  operator_id: string | null;
}

interface StatusRow {
  id: string;
  number: string;
  service_id: string;
  status: ApplicationStatus;
  received_at: string;
  updated_at: string;
}

/**
 * The statements every application runs, named so each connection parses and plans them once.
 * WARNING: a name stands for one text per connection; a changed text needs a new name.
 */
const RECEIPT_QUERY = 'SELECT id, number, received_at, payload_hash, revision, status, device_hash, operator_id FROM submissions WHERE id = $1';
const receiptQuery = (id: string) => ({ name: 'xizmat-receipt-v2', text: RECEIPT_QUERY, values: [id] });
const NEXT_NUMBERS = {
  name: 'xizmat-next-numbers-v1',
  // Both numbers in one round trip; the status number is taken without the status lock (see PostgresLifecycle).
  text: "SELECT nextval('submissions_seq') AS seq, nextval('status_sequence') AS status_seq",
};
const INSERT_SUBMISSION = `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload,
    finalised_at, received_at, status, updated_at, device_hash, revision, status_seq, local_ref, operator_id, on_behalf, reply_key)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $9, $10, $11, $12, $13, $14, $15, $16)
  ON CONFLICT (id) DO NOTHING`;

/**
 * Many server instances on one PostgreSQL (selected by DATABASE_URL). Every instance migrates on
 * start under an advisory lock; the UNIQUE id decides between concurrent twins from any instance.
 * PostgreSQL's defaults (fsync, synchronous_commit on) make a commit durable before we answer.
 */
export class PostgresStorage implements Storage {
  private readonly catalogue: PostgresCatalogue;
  private readonly lifecycle: PostgresLifecycle;
  readonly operators: PostgresOperators;

  private constructor(private readonly pool: pg.Pool, private readonly now: () => Date) {
    this.catalogue = new PostgresCatalogue(pool);
    this.lifecycle = new PostgresLifecycle(pool, now);
    this.operators = new PostgresOperators(pool);
  }

  /** Connects to `url` and migrates the database; fails (and closes the pool) when either cannot be done. */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({
      connectionString: url, max: options.poolSize ?? POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // A connection the server drops (restart, failover, pg_terminate_backend) emits 'error', and an
    // 'error' without a listener ends the Node process. Idle ones are reported on the pool; one in use
    // on the client itself, whose query rejects anyway (the phone retries) and which the pool then drops.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      await runPostgresMigrations(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool, options.now ?? (() => new Date()));
  }

  /**
   * Insert-or-compare in one transaction. ON CONFLICT DO NOTHING waits for a concurrent twin's
   * transaction: when that one commits, our insert does nothing and the read that follows (a new
   * snapshot under READ COMMITTED) sees its row, so both instances answer with the one stored receipt.
   */
  async saveSubmission(item: SubmissionItem, payloadHash: string, deviceHash: string | null = null): Promise<SaveResult> {
    return postgresTransaction(this.pool, async (client): Promise<SaveResult> => {
      // Read first: a plain replay costs no sequence number.
      const found = (await client.query<ReceiptRow>(receiptQuery(item.id))).rows[0];
      if (found) return compare(found, payloadHash);
      const receivedAt = this.now();
      const { rows: [next] } = await client.query<{ seq: string; status_seq: string }>(NEXT_NUMBERS);
      const seq = Number(next!.seq);
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq), receivedAt: receivedAt.toISOString() };
      const inserted = await client.query({
        name: 'xizmat-insert-submission-v3',
        text: INSERT_SUBMISSION,
        values: [item.id, seq, receipt.number, item.serviceId, item.formVersion, payloadHash, submissionPayload(item), item.finalisedAt,
          receipt.receivedAt, deviceHash, item.revision ?? 1, Number(next!.status_seq), localReference(item.id),
          item.onBehalf?.operatorId ?? null, onBehalfColumn(item.onBehalf), replyKeyColumn(item)],
      });
      if (inserted.rowCount === 1) return { kind: 'created', receipt };
      // A twin from another instance committed first: its row decides.
      const winner = (await client.query<ReceiptRow>(receiptQuery(item.id))).rows[0];
      if (!winner) throw new Error(`submission ${item.id} neither inserted nor found`);
      return compare(winner, payloadHash);
    });
  }

  async findReceipt(id: string): Promise<StoredReceipt | null> {
    const { rows: [row] } = await this.pool.query<ReceiptRow>(receiptQuery(id));
    return row ? { receipt: toReceipt(row), payloadHash: row.payload_hash, revision: row.revision, status: row.status, deviceHash: row.device_hash, operatorId: row.operator_id } : null;
  }

  async getStatus(id: string): Promise<SubmissionStatus | null> {
    const { rows: [row] } = await this.pool.query<StatusRow>(
      'SELECT id, number, service_id, status, received_at, updated_at FROM submissions WHERE id = $1', [id],
    );
    if (!row) return null;
    return {
      id: row.id, number: row.number, serviceId: row.service_id, status: row.status,
      receivedAt: row.received_at, updatedAt: row.updated_at,
    };
  }

  async reviseSubmission(item: SubmissionItem & { revision: number }, payloadHash: string): Promise<ReviseResult> {
    return this.lifecycle.revise(item, payloadHash);
  }

  async moveStatus(move: StatusMove): Promise<MoveResult> {
    return this.lifecycle.move(move);
  }

  async statusChanges(deviceHash: string, since: number, limit: number): Promise<StatusPage> {
    return this.lifecycle.changes(deviceHash, since, limit);
  }

  async findApplications(query: { status?: ApplicationStatus; text?: string; limit: number }): Promise<ApplicationSummary[]> {
    return this.lifecycle.applications(query);
  }

  async saveFeedback(item: FeedbackItem, payloadHash: string, deviceHash: string | null): Promise<SaveResult> {
    return this.lifecycle.saveFeedback(item, payloadHash, deviceHash);
  }

  async feedbackSummaries(): Promise<FeedbackSummary[]> {
    return this.lifecycle.feedbackSummaries();
  }

  async publishCatalogue(catalogue: PublishedCatalogue): Promise<CatalogueVersion> {
    return this.catalogue.publish(catalogue, this.now());
  }

  async catalogueVersion(): Promise<CatalogueVersion | null> {
    return this.catalogue.version();
  }

  async catalogueChanges(since: number | null, epoch: string | null): Promise<CatalogueDelta | null> {
    return this.catalogue.changes(since, epoch);
  }

  async recordDeviceEvent(event: DeviceEvent): Promise<void> {
    await this.pool.query(
      `INSERT INTO device_events (id, device_id, kind, unsent_before, detected_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [event.id, event.deviceId, event.kind, event.unsentBefore, event.detectedAt, this.now().toISOString()],
    );
  }

  /** Waits for queries in flight, then closes every connection; a second call does nothing. */
  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

function compare(stored: ReceiptRow, payloadHash: string): SaveResult {
  return stored.payload_hash === payloadHash ? { kind: 'replayed', receipt: toReceipt(stored) } : { kind: 'conflict' };
}

function toReceipt(row: ReceiptRow): Receipt {
  return { id: row.id, number: row.number, receivedAt: row.received_at };
}
