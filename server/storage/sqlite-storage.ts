import Database from 'better-sqlite3';
import type { ApplicationStatus, CatalogueDelta, DeviceEvent, Receipt, SubmissionItem, SubmissionStatus } from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import { runMigrations } from './migrations';
import { receiptNumber } from './receipt-number';
import { SqliteCatalogue } from './sqlite-catalogue';
import type { CatalogueVersion, PublishedCatalogue, SaveResult, Storage, StoredReceipt } from './storage';

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
  private readonly save: (item: SubmissionItem, hash: string) => SaveResult;
  private readonly receiptQuery: Database.Statement<[string], ReceiptRow>;
  private readonly statusQuery: Database.Statement<[string], StatusRow>;
  private readonly catalogue: SqliteCatalogue;

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
      'SELECT id, number, received_at, payload_hash FROM submissions WHERE id = ?',
    );
    this.receiptQuery = selectReceipt;
    this.statusQuery = this.db.prepare<[string], StatusRow>(
      'SELECT id, number, service_id, status, received_at, updated_at FROM submissions WHERE id = ?',
    );
    // One sequence for all years: the year in the number only says when it was received.
    const nextSeq = this.db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM submissions');
    const insert = this.db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload,
         finalised_at, received_at, status, updated_at)
       VALUES (@id, @seq, @number, @serviceId, @formVersion, @payloadHash, @payload,
         @finalisedAt, @receivedAt, 'received', @receivedAt)`,
    );
    // IMMEDIATE takes the write lock first, so check-then-insert cannot interleave with another writer.
    const transaction = this.db.transaction((item: SubmissionItem, hash: string): SaveResult => {
      const found = selectReceipt.get(item.id);
      if (found) return found.payload_hash === hash ? { kind: 'replayed', receipt: toReceipt(found) } : { kind: 'conflict' };
      const receivedAt = this.now();
      const { seq } = nextSeq.get()!;
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq), receivedAt: receivedAt.toISOString() };
      insert.run({
        id: item.id, seq, number: receipt.number, serviceId: item.serviceId, formVersion: item.formVersion,
        payloadHash: hash, payload: submissionPayload(item), finalisedAt: item.finalisedAt, receivedAt: receipt.receivedAt,
      });
      return { kind: 'created', receipt };
    });
    this.save = (item, hash) => transaction.immediate(item, hash);
    this.catalogue = new SqliteCatalogue(this.db);
  }

  async saveSubmission(item: SubmissionItem, payloadHash: string): Promise<SaveResult> {
    return this.save(item, payloadHash);
  }

  async findReceipt(id: string): Promise<StoredReceipt | null> {
    const row = this.receiptQuery.get(id);
    return row ? { receipt: toReceipt(row), payloadHash: row.payload_hash } : null;
  }

  async getStatus(id: string): Promise<SubmissionStatus | null> {
    const row = this.statusQuery.get(id);
    if (!row) return null;
    return {
      id: row.id, number: row.number, serviceId: row.service_id, status: row.status,
      receivedAt: row.received_at, updatedAt: row.updated_at,
    };
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
