import type { Selectable } from 'kysely';
import {
  canMoveStatus, localReference, parseLocalReference, publicMembers, type ApplicationStatus, type FeedbackItem, type FeedbackSummary,
  type OnBehalf, type P256PublicJwk, type Receipt, type StatusMessage, type SubmissionItem,
} from '../../src/contract/index';
import { submissionPayload } from '../submissions/payload-hash';
import type { Engine } from './engine';
import { toStoredInvoice } from './invoice-rows';
import { audit, writeStatusMove } from './status-audit';
import { receiptNumber } from './receipt-number';
import type { Db, SubmissionsTable } from './schema';
import type { ApplicationSummary, MoveResult, ReviseResult, SaveResult, StatusMove, StatusPage, StoredStatusChange } from './storage';

const APPLICATION_COLUMNS = [
  'id', 'number', 'local_ref', 'service_id', 'form_version', 'status', 'status_message', 'status_seq', 'revision',
  'payload', 'payload_hash', 'received_at', 'updated_at', 'on_behalf', 'operator_id', 'reply_key', 'citizen_id',
] as const;
type ApplicationRow = Pick<Selectable<SubmissionsTable>, (typeof APPLICATION_COLUMNS)[number]>;

/**
 * The application lifecycle and feedback on either engine. Every move and correction takes the
 * status lock for its whole transaction (engine.ts), so status numbers commit in the order they are
 * handed out and a phone's cursor never skips a change. A new application takes its first status
 * number without the lock, so inserts from many instances never queue behind one another; on
 * PostgreSQL a reader may then pass over a "received" that commits after a higher number, which the
 * phone already holds as its receipt. Every later change is seen exactly once.
 */
export class Lifecycle {
  private readonly db: Db;

  constructor(private readonly engine: Engine, private readonly now: () => Date) {
    this.db = engine.db;
  }

  revise(item: SubmissionItem & { revision: number }, hash: string): Promise<ReviseResult> {
    return this.inStatusOrder(async (trx): Promise<ReviseResult> => {
      const row = await find(trx, item.id);
      if (!row) return { kind: 'not_found' };
      if (row.revision === item.revision && row.payload_hash === hash) return { kind: 'replayed', receipt: receiptOf(row) };
      if (row.revision !== item.revision - 1 || !canMoveStatus(row.status, 'received', 'applicant')) return { kind: 'not_returned' };
      const at = this.now().toISOString();
      const replyKey = replyKeyColumn(item);
      const { status } = await this.engine.next(trx, 'status');
      await trx.updateTable('submissions').set({
        payload: submissionPayload(item), payload_hash: hash, form_version: item.formVersion, finalised_at: item.finalisedAt,
        revision: item.revision, status: 'received', status_message: null, status_seq: status, updated_at: at,
        // A correction from an older app carries no reply key: the application keeps the one it had.
        ...(replyKey ? { reply_key: replyKey } : {}),
      }).where('id', '=', item.id).execute();
      await audit(trx, item.id, item.revision, 'received', null, 'applicant', at);
      return { kind: 'revised', receipt: receiptOf(row) };
    });
  }

  move(move: StatusMove): Promise<MoveResult> {
    return this.inStatusOrder(async (trx): Promise<MoveResult> => {
      const row = await lookup(trx, move.application);
      if (!row) return { kind: 'not_found' };
      if (!canMoveStatus(row.status, move.to, 'agency')) return { kind: 'invalid', from: row.status };
      const at = this.now().toISOString();
      await writeStatusMove(trx, this.engine, { id: row.id, to: move.to, message: move.message, actor: move.actor, at });
      // Refused before it was paid: nothing is owed any more.
      if (row.status === 'awaiting_payment') {
        await trx.updateTable('invoices').set({ state: 'cancelled', closed_at: at }).where('submission_id', '=', row.id).where('state', '=', 'open').execute();
      }
      return { kind: 'moved', change: await withInvoices(trx, [toChange((await find(trx, row.id))!)]).then((c) => c[0]!) };
    });
  }

  /** This phone's applications and, for a phone signed in as a citizen, every one of that citizen's, from any phone. */
  async changes(deviceHash: string, since: number, limit: number, citizenId: string | null = null): Promise<StatusPage> {
    const rows = await this.db.transaction().setAccessMode('read only').execute(async (trx) => {
      // Waits only for a move or correction in flight, whose number might be below what we read.
      await this.engine.lock(trx, 'status-read');
      // A statement after the lock, so its snapshot includes every move that held the lock before us.
      return trx.selectFrom('submissions').select(APPLICATION_COLUMNS)
        .where((eb) => (citizenId === null ? eb('device_hash', '=', deviceHash) : eb.or([eb('device_hash', '=', deviceHash), eb('citizen_id', '=', citizenId)])))
        .where('status_seq', '>', since)
        .orderBy('status_seq').limit(limit + 1)
        .execute();
    });
    const page = rows.slice(0, limit);
    return { changes: await withInvoices(this.db, page.map(toChange)), cursor: page.at(-1)?.status_seq ?? since, more: rows.length > limit };
  }

  async applications(query: { status?: ApplicationStatus; text?: string; limit: number }): Promise<ApplicationSummary[]> {
    const text = query.text?.trim();
    if (text) {
      const row = await lookup(this.db, text);
      return row && (!query.status || row.status === query.status) ? [toSummary(row)] : [];
    }
    const rows = await this.db.selectFrom('submissions').select(APPLICATION_COLUMNS)
      .$if(Boolean(query.status), (q) => q.where('status', '=', query.status!))
      .orderBy('seq', 'desc').limit(query.limit)
      .execute();
    return rows.map(toSummary);
  }

  /** Insert-or-compare like saveSubmission (kysely-storage.ts): the stored row decides. */
  saveFeedback(item: FeedbackItem, hash: string, deviceHash: string | null): Promise<SaveResult> {
    return this.db.transaction().execute(async (trx): Promise<SaveResult> => {
      const stored = () => trx.selectFrom('feedback').select(['id', 'number', 'received_at', 'payload_hash']).where('id', '=', item.id).executeTakeFirst();
      const found = await stored();
      if (found) return compare(found, hash);
      const receivedAt = this.now();
      const { feedback: seq } = await this.engine.next(trx, 'feedback');
      const receipt: Receipt = { id: item.id, number: receiptNumber(receivedAt, seq, 'FB'), receivedAt: receivedAt.toISOString() };
      const inserted = await trx.insertInto('feedback').values({
        id: item.id, seq, number: receipt.number, service_id: item.serviceId, application_id: item.applicationId, rating: item.rating,
        comment: item.comment, given_at: item.givenAt, received_at: receipt.receivedAt, device_hash: deviceHash, payload_hash: hash,
      }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 1n) return { kind: 'created', receipt };
      // A twin from another instance committed first: its row decides.
      return compare((await stored())!, hash);
    });
  }

  async feedbackSummaries(): Promise<FeedbackSummary[]> {
    const rows = await this.db.selectFrom('feedback')
      .select((eb) => ['service_id', 'rating', eb.fn.countAll<number>().as('n')])
      .groupBy(['service_id', 'rating']).orderBy('service_id')
      .execute();
    return summarise(rows.map((r) => ({ serviceId: r.service_id, rating: r.rating, count: Number(r.n) })));
  }

  /** One transaction holding the status lock from its start, so its number and its commit keep their order. */
  private inStatusOrder<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.engine.lock(trx, 'status');
      return work(trx);
    });
  }
}

/** A stored row against a payload hash: the same payload is a replay of its receipt, another one a conflict. */
export function compare(stored: { id: string; number: string; received_at: string; payload_hash: string }, payloadHash: string): SaveResult {
  return stored.payload_hash === payloadHash ? { kind: 'replayed', receipt: receiptOf(stored) } : { kind: 'conflict' };
}

// No FOR UPDATE: every writer of an existing row's status holds the status lock.
function find(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('submissions').select(APPLICATION_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** By id, application number or local reference, as an official would type it. */
export async function lookup(db: Db, text: string): Promise<ApplicationRow | undefined> {
  const byKey = await db.selectFrom('submissions').select(APPLICATION_COLUMNS)
    .where((eb) => eb.or([eb('id', '=', text.toLowerCase()), eb('number', '=', text.toUpperCase())]))
    .executeTakeFirst();
  if (byKey) return byKey;
  const reference = parseLocalReference(text);
  return reference
    ? db.selectFrom('submissions').select(APPLICATION_COLUMNS).where('local_ref', '=', reference).executeTakeFirst()
    : undefined;
}

/** Each change with its application's invoice, if it has one: one query for the page. */
async function withInvoices(db: Db, changes: StoredStatusChange[]): Promise<StoredStatusChange[]> {
  if (changes.length === 0) return changes;
  const rows = await db.selectFrom('invoices').selectAll().where('submission_id', 'in', changes.map((c) => c.id)).execute();
  const byApplication = new Map(rows.map((row) => [row.submission_id, toStoredInvoice(row)]));
  return changes.map((change) => {
    const invoice = byApplication.get(change.id);
    return invoice ? { ...change, invoice } : change;
  });
}

/** Rows of (service, rating, count) into one summary per service. */
function summarise(rows: { serviceId: string; rating: number; count: number }[]): FeedbackSummary[] {
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

export function receiptOf(row: { id: string; number: string; received_at: string }): Receipt {
  return { id: row.id, number: row.number, receivedAt: row.received_at };
}

function toChange(row: ApplicationRow): StoredStatusChange {
  const change: StoredStatusChange = {
    id: row.id, serviceId: row.service_id, number: row.number, status: row.status,
    message: row.status_message ? JSON.parse(row.status_message) as StatusMessage : null,
    changedAt: row.updated_at, revision: row.revision,
    ...(row.citizen_id ? { citizenId: row.citizen_id } : {}),
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

function toSummary(row: ApplicationRow): ApplicationSummary {
  return {
    id: row.id, number: row.number, localReference: row.local_ref ?? localReference(row.id), serviceId: row.service_id,
    status: row.status, revision: row.revision, receivedAt: row.received_at, updatedAt: row.updated_at,
    message: row.status_message ? JSON.parse(row.status_message) as StatusMessage : null,
    onBehalf: row.on_behalf && row.operator_id ? { ...(JSON.parse(row.on_behalf) as Omit<OnBehalf, 'operatorId'>), operatorId: row.operator_id } : null,
  };
}
