/** Uzbekistan keeps UTC+5 all year (no daylight saving since 1992): the receipt year is Tashkent's. */
const TASHKENT_UTC_OFFSET_MS = 5 * 60 * 60 * 1000;
/** Digits the sequence is padded to; more appear on their own past 999,999. */
const RECEIPT_SEQ_DIGITS = 6;

/** XZ for applications, FB for feedback (contract: /^(XZ|FB)-\d{4}-\d{6,}$/). */
export type ReceiptPrefix = 'XZ' | 'FB';

/** The human-readable application number, e.g. XZ-2026-000042, or a feedback number, FB-2026-000007. */
export function receiptNumber(receivedAt: Date, seq: number, prefix: ReceiptPrefix = 'XZ'): string {
  const year = new Date(receivedAt.getTime() + TASHKENT_UTC_OFFSET_MS).getUTCFullYear();
  return `${prefix}-${year}-${String(seq).padStart(RECEIPT_SEQ_DIGITS, '0')}`;
}
