import { answerScope, computedValue, fieldsById, isFieldShown, isSectionShown, todayInTashkent } from './answer-scope';
import type { Answers, FormDefinition } from './form-definition';

/**
 * What an application's fee invoice can be (docs/payments.md). WARNING: persisted and sent to
 * phones; a value, once published, is never renamed.
 * - open: waiting to be paid, until its due time;
 * - paid: a provider took the money; the application moved on;
 * - cancelled: the agency refused the application before it was paid;
 * - expired: not paid by its due time; the application was refused.
 */
export const INVOICE_STATES = ['open', 'paid', 'cancelled', 'expired'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

/** One soʻm is 100 tiyin; amounts travel and are stored in tiyin, as whole numbers. */
export const TIYIN_PER_SUM = 100;

/** An application's fee, as the phone that sent it receives it with its status. */
export interface Invoice {
  /** What a person names at a bank, types into a payment app or a terminal: digits only, with a check digit. */
  reference: string;
  amountTiyin: number;
  state: InvoiceState;
  issuedAt: string;
  /** Pay before this time (ISO 8601); afterwards the invoice expires and the application is refused. */
  dueAt: string;
  /** When the money was taken, once paid. */
  paidAt?: string;
  /** Who took it and under which of their transaction ids: the receipt a person can show. */
  paidVia?: { provider: 'payme'; transaction: string };
  /**
   * The address a payment app opens to pay this invoice (its QR code carries it), with the merchant,
   * the reference and the amount in it; null when the server has no payment provider configured.
   */
  payLink: string | null;
}

/** Digits of a reference before its check digit: two of the year, nine of a sequence. */
const REFERENCE_BODY_DIGITS = 11;
const REFERENCE = /^\d{12}$/;

/**
 * The invoice reference for the n-th invoice of all time issued in `year`: "26" + n in nine digits +
 * a Luhn check digit, e.g. 260000000428. Twelve digits fit any terminal's keypad; the check digit
 * turns a mistyped digit into "no such invoice" instead of somebody else's.
 */
export function invoiceReference(year: number, seq: number): string {
  const body = `${String(year % 100).padStart(2, '0')}${String(seq).padStart(REFERENCE_BODY_DIGITS - 2, '0')}`;
  if (body.length !== REFERENCE_BODY_DIGITS) throw new RangeError(`invoice sequence ${seq} does not fit a reference`);
  return body + luhnDigit(body);
}

/** A reference as a person or a provider sends it (spaces and hyphens allowed), or null when it cannot be one. */
export function parseInvoiceReference(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const digits = text.replaceAll(/[\s-]/g, '');
  if (!REFERENCE.test(digits)) return null;
  return luhnDigit(digits.slice(0, -1)) === digits.at(-1) ? digits : null;
}

/** "2600 0000 0428": the reference in groups of four, as the phone shows it. */
export function groupReference(reference: string): string {
  return reference.replaceAll(/(\d{4})(?=\d)/g, '$1 ');
}

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // From the right, every other digit (starting with the one next to the check digit) is doubled.
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * The fee an application owes, in tiyin: the form's first shown computed field of money (the state
 * duty the form works out from the answers), as of the day it was finalised. Null when the form
 * computes no fee or it comes to nothing: no invoice then. The phone shows the same sum before
 * sending, the server bills it on receipt; both call this.
 */
export function applicationFeeTiyin(form: FormDefinition, answers: Answers, finalisedAt: string): number | null {
  const at = Date.parse(finalisedAt);
  const scope = answerScope(form, answers, todayInTashkent(Number.isNaN(at) ? new Date() : new Date(at)));
  for (const section of form.sections) {
    if (!isSectionShown(section, scope)) continue;
    for (const field of section.fields) {
      if (field.kind !== 'computed' || field.format !== 'sum' || !isFieldShown(field, scope)) continue;
      const sum = computedValue(field, scope);
      if (sum === null || sum <= 0) return null;
      return Math.round(sum * TIYIN_PER_SUM);
    }
  }
  return null;
}

/** Whether any field of the form is a computed sum of money (a form that may bill). */
export function formHasFee(form: FormDefinition): boolean {
  return [...fieldsById(form).values()].some((f) => f.kind === 'computed' && f.format === 'sum');
}
