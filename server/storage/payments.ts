import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { invoiceReference, type ApplicationStatus, type Invoice, type InvoiceState, type StatusMessage } from '../../src/contract/index';
import { STANDARD_MESSAGES } from '../submissions/standard-messages';
import type { Engine } from './engine';
import { toStoredInvoice } from './invoice-rows';
import { lookup } from './lifecycle';
import { writeStatusMove } from './status-audit';
import type {
  AccountProblem, InvoiceRecord, PaymeCheck, PaymeCreate, PaymeState, PaymeTransaction, PaymeWrite, PaymentStorage,
} from './payment-storage';
import type { Db, InvoicesTable, PaymeTransactionsTable } from './schema';

/** Payme cancels a transaction left unperformed this long after it was created (its Merchant API). */
export const PAYME_TRANSACTION_TIMEOUT_MS = 43_200_000;
/**
 * How long an invoice stays payable after the application arrives. The portal's own period is not
 * public (docs/payments.md); ten days covers a person who pays on the next trip to town.
 */
export const INVOICE_VALID_MS = 10 * 24 * 60 * 60 * 1000;
/** Payme's cancel reason for a transaction that timed out. */
const PAYME_REASON_TIMEOUT = 4;

type InvoiceRow = Selectable<InvoicesTable> & { number: string; service_id: string; status: ApplicationStatus };
type TransactionRow = Selectable<PaymeTransactionsTable>;

/** The invoices and Payme's side of them on either engine (payment-storage.ts says what each does). */
export class Payments implements PaymentStorage {
  private readonly db: Db;

  constructor(private readonly engine: Engine, private readonly now: () => Date) {
    this.db = engine.db;
  }

  invoice(reference: string): Promise<InvoiceRecord | null> {
    return invoiceBy(this.db, 'reference', reference);
  }

  async invoiceOf(application: string): Promise<InvoiceRecord | null> {
    const row = await lookup(this.db, application.trim());
    return row ? invoiceBy(this.db, 'submission_id', row.id) : null;
  }

  async invoices(query: { state?: InvoiceState; limit: number }): Promise<InvoiceRecord[]> {
    const rows = await invoiceQuery(this.db)
      .$if(Boolean(query.state), (q) => q.where('invoices.state', '=', query.state!))
      .orderBy('invoices.seq', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  async paymeCheck(reference: string, amountTiyin: number): Promise<PaymeCheck> {
    return this.inStatusOrder(async (trx) => {
      const invoice = await invoiceBy(trx, 'reference', reference);
      const problem = this.payable(invoice, amountTiyin);
      if (problem) return problem;
      const active = await activeTransaction(trx, reference);
      if (active && !this.timedOut(active)) return { kind: 'account', problem: 'busy' };
      return { kind: 'ok', invoice: invoice! };
    });
  }

  async paymeCreate(create: PaymeCreate): Promise<PaymeWrite> {
    return this.inStatusOrder(async (trx): Promise<PaymeWrite> => {
      const stored = await transactionRow(trx, create.id);
      if (stored) {
        if (stored.state !== 1) return { kind: 'wrong_state' };
        if (this.timedOut(stored)) {
          await this.cancelRow(trx, stored, PAYME_REASON_TIMEOUT);
          return { kind: 'wrong_state' };
        }
        // The same transaction again (Payme repeats itself): the stored answer, unchanged.
        return this.ok(trx, stored);
      }
      const invoice = await invoiceBy(trx, 'reference', create.reference);
      const problem = this.payable(invoice, create.amountTiyin);
      if (problem) return problem;
      const active = await activeTransaction(trx, create.reference);
      if (active) {
        if (!this.timedOut(active)) return { kind: 'account', problem: 'busy' };
        await this.cancelRow(trx, active, PAYME_REASON_TIMEOUT);
      }
      const row: TransactionRow = {
        id: create.id, receipt: randomUUID(), invoice_reference: create.reference, payme_time: create.time, amount_tiyin: create.amountTiyin,
        state: 1, reason: null, create_time: this.now().getTime(), perform_time: 0, cancel_time: 0,
      };
      await trx.insertInto('payme_transactions').values(row).execute();
      return this.ok(trx, row);
    });
  }

  async paymePerform(id: string): Promise<PaymeWrite> {
    return this.inStatusOrder(async (trx): Promise<PaymeWrite> => {
      const stored = await transactionRow(trx, id);
      if (!stored) return { kind: 'not_found' };
      // Performed already: the stored perform time, never a new one.
      if (stored.state === 2) return this.ok(trx, stored);
      if (stored.state !== 1) return { kind: 'wrong_state' };
      const invoice = await invoiceBy(trx, 'reference', stored.invoice_reference);
      // Timed out, or the invoice closed meanwhile (refused, expired): the money is not taken.
      if (this.timedOut(stored) || !invoice || invoice.state !== 'open' || invoice.applicationStatus !== 'awaiting_payment') {
        await this.cancelRow(trx, stored, PAYME_REASON_TIMEOUT);
        return { kind: 'wrong_state' };
      }
      const at = this.now();
      await trx.updateTable('payme_transactions').set({ state: 2, perform_time: at.getTime() }).where('id', '=', id).execute();
      await trx.updateTable('invoices').set({
        state: 'paid', paid_at: at.toISOString(), paid_via: JSON.stringify({ provider: 'payme', transaction: id } satisfies Invoice['paidVia']),
      }).where('reference', '=', stored.invoice_reference).execute();
      await this.move(trx, invoice.applicationId, 'received', STANDARD_MESSAGES.paid, 'payme');
      return this.ok(trx, (await transactionRow(trx, id))!, true);
    });
  }

  async paymeCancel(id: string, reason: number): Promise<PaymeWrite> {
    return this.inStatusOrder(async (trx): Promise<PaymeWrite> => {
      const stored = await transactionRow(trx, id);
      if (!stored) return { kind: 'not_found' };
      // Cancelled already: the stored answer.
      if (stored.state < 0) return this.ok(trx, stored);
      if (stored.state === 1) {
        await this.cancelRow(trx, stored, reason);
        return this.ok(trx, (await transactionRow(trx, id))!);
      }
      // Performed: a refund undoes it only while the agency has not taken the application up.
      const invoice = await invoiceBy(trx, 'reference', stored.invoice_reference);
      if (!invoice || invoice.applicationStatus !== 'received') return { kind: 'cannot_cancel' };
      await trx.updateTable('payme_transactions').set({ state: -2, reason, cancel_time: this.now().getTime() }).where('id', '=', id).execute();
      await trx.updateTable('invoices').set({ state: 'open', paid_at: null, paid_via: null }).where('reference', '=', invoice.reference).execute();
      await this.move(trx, invoice.applicationId, 'awaiting_payment', STANDARD_MESSAGES.paymentRefunded, 'payme');
      return this.ok(trx, (await transactionRow(trx, id))!);
    });
  }

  async paymeTransaction(id: string): Promise<PaymeTransaction | null> {
    const row = await transactionRow(this.db, id);
    return row ? toTransaction(row) : null;
  }

  async paymeStatement(from: number, to: number): Promise<PaymeTransaction[]> {
    const rows = await this.db.selectFrom('payme_transactions').selectAll()
      .where('payme_time', '>=', from).where('payme_time', '<=', to).orderBy('payme_time').orderBy('id').execute();
    return rows.map(toTransaction);
  }

  async expireInvoices(): Promise<number> {
    return this.inStatusOrder(async (trx) => {
      const now = this.now();
      const due = await invoiceQuery(trx).where('invoices.state', '=', 'open').where('invoices.due_at', '<', now.toISOString()).execute();
      let expired = 0;
      for (const invoice of due.map(toRecord)) {
        const active = await activeTransaction(trx, invoice.reference);
        // A payment under way finishes or times out first; the next sweep decides then.
        if (active && !this.timedOut(active)) continue;
        if (active) await this.cancelRow(trx, active, PAYME_REASON_TIMEOUT);
        await trx.updateTable('invoices').set({ state: 'expired', closed_at: now.toISOString() }).where('reference', '=', invoice.reference).execute();
        if (invoice.applicationStatus === 'awaiting_payment') {
          await this.move(trx, invoice.applicationId, 'rejected', STANDARD_MESSAGES.paymentExpired, 'invoice-expiry');
        }
        expired++;
      }
      return expired;
    });
  }

  /** Whether an invoice can take this amount now; null when it can. */
  private payable(invoice: InvoiceRecord | null, amountTiyin: number): { kind: 'account'; problem: AccountProblem } | { kind: 'amount' } | null {
    if (!invoice) return account('not_found');
    if (invoice.state !== 'open' || invoice.applicationStatus !== 'awaiting_payment') return account('not_payable');
    if (Date.parse(invoice.dueAt) <= this.now().getTime()) return account('not_payable');
    if (invoice.amountTiyin !== amountTiyin) return { kind: 'amount' };
    return null;
  }

  private timedOut(row: TransactionRow): boolean {
    return row.state === 1 && this.now().getTime() - row.create_time > PAYME_TRANSACTION_TIMEOUT_MS;
  }

  private async cancelRow(trx: Db, row: TransactionRow, reason: number): Promise<void> {
    await trx.updateTable('payme_transactions').set({ state: -1, reason, cancel_time: this.now().getTime() }).where('id', '=', row.id).execute();
  }

  private async ok(trx: Db, row: TransactionRow, fresh = false): Promise<PaymeWrite> {
    const invoice = await invoiceBy(trx, 'reference', row.invoice_reference);
    return { kind: 'ok', transaction: toTransaction(row), invoice: invoice!, fresh };
  }

  /** A status move by the payment side, written as the agency's moves are (status-audit.ts). */
  private async move(trx: Db, id: string, to: ApplicationStatus, message: StatusMessage, actor: string): Promise<void> {
    await writeStatusMove(trx, this.engine, { id, to, message, actor, at: this.now().toISOString() });
  }

  private inStatusOrder<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.engine.lock(trx, 'status');
      return work(trx);
    });
  }
}

/** Bills an application just stored, inside the transaction that stores it; its reference numbers invoices of that year. */
export async function issueInvoice(engine: Engine, trx: Db, submissionId: string, amountTiyin: number, at: Date): Promise<void> {
  const { invoice: seq } = await engine.next(trx, 'invoice');
  await trx.insertInto('invoices').values({
    reference: invoiceReference(at.getUTCFullYear(), seq), seq, submission_id: submissionId, amount_tiyin: amountTiyin, state: 'open',
    issued_at: at.toISOString(), due_at: new Date(at.getTime() + INVOICE_VALID_MS).toISOString(), paid_at: null, closed_at: null, paid_via: null,
  }).execute();
}

function account(problem: AccountProblem): { kind: 'account'; problem: AccountProblem } {
  return { kind: 'account', problem };
}

function invoiceQuery(db: Db) {
  return db.selectFrom('invoices').innerJoin('submissions', 'submissions.id', 'invoices.submission_id')
    .selectAll('invoices').select(['submissions.number', 'submissions.service_id', 'submissions.status']);
}

async function invoiceBy(db: Db, column: 'reference' | 'submission_id', value: string): Promise<InvoiceRecord | null> {
  const row = await invoiceQuery(db).where(`invoices.${column}`, '=', value).executeTakeFirst();
  return row ? toRecord(row) : null;
}

function transactionRow(db: Db, id: string): Promise<TransactionRow | undefined> {
  return db.selectFrom('payme_transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

function activeTransaction(db: Db, reference: string): Promise<TransactionRow | undefined> {
  return db.selectFrom('payme_transactions').selectAll().where('invoice_reference', '=', reference).where('state', '=', 1).executeTakeFirst();
}

function toRecord(row: InvoiceRow): InvoiceRecord {
  return {
    ...toStoredInvoice(row), applicationId: row.submission_id, applicationNumber: row.number, serviceId: row.service_id,
    applicationStatus: row.status, closedAt: row.closed_at,
  };
}

function toTransaction(row: TransactionRow): PaymeTransaction {
  return {
    id: row.id, receipt: row.receipt, reference: row.invoice_reference, time: Number(row.payme_time), amountTiyin: Number(row.amount_tiyin),
    state: row.state as PaymeState, reason: row.reason, createTime: Number(row.create_time), performTime: Number(row.perform_time),
    cancelTime: Number(row.cancel_time),
  };
}
