import Database from 'better-sqlite3';
import {
  localReference, type ApplicationStatus, type CatalogueDelta, type DeviceEvent, type FeedbackItem, type FeedbackSummary, type Receipt,
  type SubmissionItem, type SubmissionStatus,
} from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import { runMigrations } from './migrations';
import { onBehalfColumn } from './operator-rows';
import { receiptNumber } from './receipt-number';
import { SqliteCatalogue } from './sqlite-catalogue';
import { SqliteLifecycle, replyKeyColumn } from './sqlite-lifecycle';
import { SqliteOperators } from './sqlite-operators';
import type {
  ApplicationSummary, CatalogueVersion, MoveResult, PublishedCatalogue, ReviseResult, SaveResult, StatusMove, StatusPage, Storage,
  StoredReceipt,
} from './storage';

/** How long a writer waits for another process's lock before failing: covers a slow disk's fsync. */
const BUSY_TIMEOUT_MS = 5_000;

export interface SqliteStorageOptions {
  /** The clock that stamps receivedAt; tests pass a fixed one. */
  now?: () => Date;
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

/** The embedded default: one SQLite file, WAL, every commit fsynced before it is acknowledged. */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly save: (item: SubmissionItem, hash: string, deviceHash: string | null) => SaveResult;
  private readonly receiptQuery: Database.Statement<[string], ReceiptRow>;
  private readonly statusQuery: Database.Statement<[string], StatusRow>;
  private readonly catalogue: SqliteCatalogue;
  private readonly lifecycle: SqliteLifecycle;
  readonly operators: SqliteOperators;

  /** Opens (creating if needed) and migrates the database at `file`; ':memory:' works for tests. */
  constructor(file: string, options: SqliteStorageOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before we answer, so an acknowledged application survives power loss.
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    try {
      runMigrations(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const selectReceipt = this.db.prepare<[string], ReceiptRow>(
      'SELECT id, number, received_at, payload_hash, revision, status, device_hash, operator_id FROM submissions WHERE id = ?',
    );
    this.receiptQuery = selectReceipt;
    this.statusQuery = this.db.prepare<[string], StatusRow>(
      'SELECT id, number, service_id, status, received_at, updated_at FROM submissions WHERE id = ?',
    );
    // One sequence for all years: the year in the number only says when it was received.
    const nextSeq = this.db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM submissions');
    const insert = this.db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload,
         finalised_at, received_at, status, updated_at, device_hash, revision, status_seq, local_ref, operator_id, on_behalf, reply_key)
       VALUES (@id, @seq, @number, @serviceId, @formVersion, @payloadHash, @payload,
         @finalisedAt, @receivedAt, 'received', @receivedAt, @deviceHash, @revision, @statusSeq, @localRef, @operatorId, @onBehalf, @replyKey)`,
    );
    // IMMEDIATE takes the write lock first, so check-then-insert cannot interleave with another writer.
    this.lifecycle = new SqliteLifecycle(this.db, this.now);
    const transaction = this.db.transaction((item: SubmissionItem, hash: string, deviceHash: string | null): SaveResult => {
      const found = selectReceipt.get(item.id);
      if (found) return found.payload_hash === hash ? { kind: 'replayed', receipt: toReceipt(found) } : { kind: 'conflict' };
      const receivedAt = this.now();
      const { seq } = nextSeq.get()!;
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq), receivedAt: receivedAt.toISOString() };
      insert.run({
        id: item.id, seq, number: receipt.number, serviceId: item.serviceId, formVersion: item.formVersion,
        payloadHash: hash, payload: submissionPayload(item), finalisedAt: item.finalisedAt, receivedAt: receipt.receivedAt,
        deviceHash, revision: item.revision ?? 1, statusSeq: this.lifecycle.nextStatusSeq(), localRef: localReference(item.id),
        operatorId: item.onBehalf?.operatorId ?? null, onBehalf: onBehalfColumn(item.onBehalf), replyKey: replyKeyColumn(item),
      });
      return { kind: 'created', receipt };
    });
    this.save = (item, hash, deviceHash) => transaction.immediate(item, hash, deviceHash);
    this.catalogue = new SqliteCatalogue(this.db);
    this.operators = new SqliteOperators(this.db);
  }

  async saveSubmission(item: SubmissionItem, payloadHash: string, deviceHash: string | null = null): Promise<SaveResult> {
    return this.save(item, payloadHash, deviceHash);
  }

  async findReceipt(id: string): Promise<StoredReceipt | null> {
    const row = this.receiptQuery.get(id);
    return row ? { receipt: toReceipt(row), payloadHash: row.payload_hash, revision: row.revision, status: row.status, deviceHash: row.device_hash, operatorId: row.operator_id } : null;
  }

  async getStatus(id: string): Promise<SubmissionStatus | null> {
    const row = this.statusQuery.get(id);
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
    this.db.prepare(
      `INSERT INTO device_events (id, device_id, kind, unsent_before, detected_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(event.id, event.deviceId, event.kind, event.unsentBefore, event.detectedAt, this.now().toISOString());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toReceipt(row: ReceiptRow): Receipt {
  return { id: row.id, number: row.number, receivedAt: row.received_at };
}
