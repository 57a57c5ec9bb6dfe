import {
  localReference, type ApplicationStatus, type CatalogueDelta, type DeviceEvent, type FeedbackItem, type FeedbackSummary, type Receipt,
  type SubmissionItem, type SubmissionStatus,
} from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import { Catalogue } from './catalogue';
import { Citizens } from './citizens';
import type { Engine } from './engine';
import { Lifecycle, compare, receiptOf, replyKeyColumn } from './lifecycle';
import { onBehalfColumn } from './operator-rows';
import { Payments, issueInvoice } from './payments';
import { Operators } from './operators';
import { receiptNumber } from './receipt-number';
import type { Db } from './schema';
import type {
  ApplicationSummary, CatalogueVersion, MoveResult, PublishedCatalogue, ReviseResult, SaveResult, StatusMove, StatusPage, Storage,
  StoredReceipt,
} from './storage';

const receiptRow = (db: Db, id: string) => db.selectFrom('submissions')
  .select(['id', 'number', 'received_at', 'payload_hash', 'revision', 'status', 'device_hash', 'operator_id', 'citizen_id'])
  .where('id', '=', id).executeTakeFirst();

/**
 * The one Storage: every query written once with Kysely and run on SQLite (sqlite-storage.ts) or
 * PostgreSQL (postgres-storage.ts); what differs between them is the Engine (engine.ts).
 */
export class KyselyStorage implements Storage {
  private readonly queries: Db;
  private readonly catalogue: Catalogue;
  private readonly lifecycle: Lifecycle;
  readonly operators: Operators;
  readonly payments: Payments;
  readonly citizens: Citizens;

  protected constructor(private readonly engine: Engine, private readonly now: () => Date) {
    this.queries = engine.db;
    this.catalogue = new Catalogue(engine);
    this.lifecycle = new Lifecycle(engine, now);
    this.operators = new Operators(engine);
    this.payments = new Payments(engine, now);
    this.citizens = new Citizens(engine);
  }

  /**
   * Insert-or-compare in one transaction; a plain replay is read first and costs no number. On
   * SQLite the transaction holds the writer lock, so no twin can come between. On PostgreSQL,
   * ON CONFLICT DO NOTHING waits for a concurrent twin's transaction: when that one commits, our
   * insert does nothing and the read that follows (a new snapshot under READ COMMITTED) sees its
   * row, so both instances answer with the one stored receipt.
   */
  async saveSubmission(
    item: SubmissionItem, payloadHash: string, deviceHash: string | null = null, feeTiyin: number | null = null, citizenId: string | null = null,
  ): Promise<SaveResult> {
    return this.queries.transaction().execute(async (trx): Promise<SaveResult> => {
      const found = await receiptRow(trx, item.id);
      if (found) return compare(found, payloadHash);
      const receivedAt = this.now();
      // One sequence for all years: the year in the number only says when it was received.
      const { application: seq, status } = await this.engine.next(trx, 'application', 'status');
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq), receivedAt: receivedAt.toISOString() };
      const inserted = await trx.insertInto('submissions').values({
        id: item.id, seq, number: receipt.number, service_id: item.serviceId, form_version: item.formVersion, payload_hash: payloadHash,
        payload: submissionPayload(item), finalised_at: item.finalisedAt, received_at: receipt.receivedAt,
        status: feeTiyin === null ? 'received' : 'awaiting_payment',
        updated_at: receipt.receivedAt, device_hash: deviceHash, revision: item.revision ?? 1, status_seq: status,
        local_ref: localReference(item.id), operator_id: item.onBehalf?.operatorId ?? null, on_behalf: onBehalfColumn(item.onBehalf),
        reply_key: replyKeyColumn(item), citizen_id: citizenId,
      }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 1n) {
        if (feeTiyin !== null) await issueInvoice(this.engine, trx, item.id, feeTiyin, receivedAt);
        return { kind: 'created', receipt };
      }
      // A twin from another instance committed first: its row decides.
      const winner = await receiptRow(trx, item.id);
      if (!winner) throw new Error(`submission ${item.id} neither inserted nor found`);
      return compare(winner, payloadHash);
    });
  }

  async findReceipt(id: string): Promise<StoredReceipt | null> {
    const row = await receiptRow(this.queries, id);
    return row ? { receipt: receiptOf(row), payloadHash: row.payload_hash, revision: row.revision, status: row.status, deviceHash: row.device_hash, operatorId: row.operator_id, citizenId: row.citizen_id } : null;
  }

  async getStatus(id: string): Promise<SubmissionStatus | null> {
    const row = await this.queries.selectFrom('submissions').select(['id', 'number', 'service_id', 'status', 'received_at', 'updated_at'])
      .where('id', '=', id).executeTakeFirst();
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

  async statusChanges(deviceHash: string, since: number, limit: number, citizenId: string | null = null): Promise<StatusPage> {
    return this.lifecycle.changes(deviceHash, since, limit, citizenId);
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
    await this.queries.insertInto('device_events').values({
      id: event.id, device_id: event.deviceId, kind: event.kind, unsent_before: event.unsentBefore, detected_at: event.detectedAt,
      received_at: this.now().toISOString(),
    }).onConflict((oc) => oc.column('id').doNothing()).execute();
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}
