import type { ApplicationStatus, Invoice, InvoiceState } from '../../src/contract/index';

/** An invoice as the server keeps it; the phone's view (Invoice) adds the pay link. */
export type StoredInvoice = Omit<Invoice, 'payLink'>;

/** An invoice with the application it bills, for the back office, the admin command and the provider. */
export interface InvoiceRecord extends StoredInvoice {
  applicationId: string;
  applicationNumber: string;
  serviceId: string;
  applicationStatus: ApplicationStatus;
  /** When it was cancelled or expired. */
  closedAt: string | null;
}

/** One Payme transaction as its Merchant API answers it (docs/payments.md). */
export interface PaymeTransaction {
  id: string;
  /** Our id for it: "transaction" in Payme's answers. */
  receipt: string;
  reference: string;
  /** Payme's own time of the transaction, in milliseconds. */
  time: number;
  amountTiyin: number;
  state: PaymeState;
  reason: number | null;
  createTime: number;
  performTime: number;
  cancelTime: number;
}

/** 1 created, 2 performed, -1 cancelled before perform, -2 cancelled after perform. */
export type PaymeState = 1 | 2 | -1 | -2;

/** Why an invoice cannot take a payment, as the provider is told it. */
export type AccountProblem =
  /** No invoice has this reference. */
  | 'not_found'
  /** It is paid, cancelled or expired, or its application no longer waits for payment. */
  | 'not_payable'
  /** Another payment of it is under way. */
  | 'busy';

export type PaymeCheck =
  | { kind: 'ok'; invoice: InvoiceRecord }
  | { kind: 'account'; problem: AccountProblem }
  | { kind: 'amount' };

export type PaymeWrite =
  /** `fresh`: this call performed it (a repeat is not fresh), so what follows a payment happens once. */
  | { kind: 'ok'; transaction: PaymeTransaction; invoice: InvoiceRecord; fresh: boolean }
  | { kind: 'account'; problem: AccountProblem }
  | { kind: 'amount' }
  /** Payme's id is unknown here. */
  | { kind: 'not_found' }
  /** The transaction is not in a state that allows this (or it timed out and was cancelled just now). */
  | { kind: 'wrong_state' }
  /** Performed, and the application has moved on: the payment cannot be undone. */
  | { kind: 'cannot_cancel' };

/** What a new Payme transaction carries. */
export interface PaymeCreate {
  id: string;
  time: number;
  amountTiyin: number;
  reference: string;
}

/**
 * Invoices and the payments against them. Every write that can move an application's status holds
 * the status lock for its whole transaction (engine.ts), which also makes two notifications about
 * one invoice, from any number of instances, take turns.
 */
export interface PaymentStorage {
  invoice(reference: string): Promise<InvoiceRecord | null>;
  /** The invoice of an application found by id, number or local reference. */
  invoiceOf(application: string): Promise<InvoiceRecord | null>;
  /** Newest first, optionally only one state. */
  invoices(query: { state?: InvoiceState; limit: number }): Promise<InvoiceRecord[]>;
  /** Whether the invoice can take this amount now (Payme's CheckPerformTransaction). */
  paymeCheck(reference: string, amountTiyin: number): Promise<PaymeCheck>;
  paymeCreate(create: PaymeCreate): Promise<PaymeWrite>;
  paymePerform(id: string): Promise<PaymeWrite>;
  paymeCancel(id: string, reason: number): Promise<PaymeWrite>;
  paymeTransaction(id: string): Promise<PaymeTransaction | null>;
  /** Transactions whose Payme time is within [from, to], oldest first. */
  paymeStatement(from: number, to: number): Promise<PaymeTransaction[]>;
  /**
   * Expires every open invoice past its due time with no payment under way, and refuses its
   * application; answers how many.
   */
  expireInvoices(): Promise<number>;
}
