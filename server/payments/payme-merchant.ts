import { timingSafeEqual } from 'node:crypto';
import { parseInvoiceReference } from '../../src/contract/index';
import type { InvoiceRecord, PaymeTransaction, PaymeWrite, PaymentStorage } from '../storage/payment-storage';
import { PAYME_ACCOUNT_FIELD, PAYME_LOGIN, type PaymeSettings } from './payme-settings';

// Payme's Merchant API, the merchant's side (docs/payments.md): Payme calls us with JSON-RPC 2.0 and
// takes any HTTP status but 200 as a system error, so every answer, errors included, is a 200 with
// a JSON-RPC body. Error codes, states and the repeat rules are the protocol's own.

/** A message in the three languages Payme shows its users. */
type PaymeMessage = { ru: string; uz: string; en: string };

export const PAYME_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  unauthorised: -32504,
  system: -32400,
  wrongAmount: -31001,
  transactionNotFound: -31003,
  cannotCancel: -31007,
  cannotPerform: -31008,
  /** Account errors are -31050 to -31099; which one says what is wrong with the invoice. */
  invoiceNotFound: -31050,
  invoiceNotPayable: -31051,
  invoiceBusy: -31052,
} as const;

const MESSAGES: Record<keyof typeof PAYME_ERRORS, PaymeMessage> = {
  parse: { ru: 'Запрос не является JSON.', uz: 'Soʻrov JSON emas.', en: 'The request is not JSON.' },
  invalidRequest: { ru: 'Неверные или отсутствующие поля запроса.', uz: 'Soʻrov maydonlari notoʻgʻri yoki yoʻq.', en: 'Request fields are missing or invalid.' },
  methodNotFound: { ru: 'Метод не найден.', uz: 'Metod topilmadi.', en: 'Method not found.' },
  unauthorised: { ru: 'Недостаточно прав.', uz: 'Ruxsat yoʻq.', en: 'Not authorised.' },
  system: { ru: 'Системная ошибка.', uz: 'Tizim xatosi.', en: 'System error.' },
  wrongAmount: { ru: 'Неверная сумма.', uz: 'Summa notoʻgʻri.', en: 'Wrong amount.' },
  transactionNotFound: { ru: 'Транзакция не найдена.', uz: 'Tranzaksiya topilmadi.', en: 'Transaction not found.' },
  cannotCancel: { ru: 'Заявление уже в работе: оплату нельзя отменить.', uz: 'Ariza koʻrib chiqilmoqda: toʻlovni bekor qilib boʻlmaydi.', en: 'The application is being processed: the payment cannot be cancelled.' },
  cannotPerform: { ru: 'Операцию нельзя выполнить в этом состоянии.', uz: 'Bu holatda amalni bajarib boʻlmaydi.', en: 'The operation is not possible in this state.' },
  invoiceNotFound: { ru: 'Счёт с таким номером не найден.', uz: 'Bunday raqamli hisob topilmadi.', en: 'No invoice has this number.' },
  invoiceNotPayable: { ru: 'Счёт уже оплачен, отменён или просрочен.', uz: 'Hisob allaqachon toʻlangan, bekor qilingan yoki muddati oʻtgan.', en: 'The invoice is paid, cancelled or expired.' },
  invoiceBusy: { ru: 'Этот счёт уже оплачивается.', uz: 'Bu hisob hozir toʻlanmoqda.', en: 'This invoice is being paid already.' },
};

/** Payme's cancel reasons (its Merchant API); any other is refused as a bad request. */
const CANCEL_REASONS = new Set([1, 2, 3, 4, 5, 10]);
/** Payme's transaction ids are 24 characters; a little room either way, never unbounded. */
const TRANSACTION_ID = /^[0-9A-Za-z_-]{1,64}$/;
/** Payme's times are 13-digit millisecond timestamps. */
const MAX_TIME_MS = 9_999_999_999_999;

type RpcId = string | number | null;
export type RpcAnswer =
  | { jsonrpc: '2.0'; id: RpcId; result: Record<string, unknown> }
  | { jsonrpc: '2.0'; id: RpcId; error: { code: number; message: PaymeMessage; data?: string } };

/** What a successful performance leads to beyond the payment itself (automated services complete). */
export type AfterPaid = (invoice: InvoiceRecord) => Promise<void>;

/**
 * Answers one call from Payme. `authorization` is the raw header; `body` the raw request text.
 * Checks run in the protocol's order: the body is JSON, the caller holds the key, the method exists,
 * its fields are well formed; then the stored invoice and transaction decide.
 */
export async function answerPayme(
  body: string, authorization: string | undefined, settings: PaymeSettings, payments: PaymentStorage, afterPaid: AfterPaid,
): Promise<RpcAnswer> {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    return failure(null, 'parse');
  }
  const id = rpcId(request);
  if (!isAuthorised(authorization, settings.key)) return failure(id, 'unauthorised');
  if (!isObject(request) || typeof request.method !== 'string' || !isObject(request.params)) return failure(id, 'invalidRequest');
  const method = METHODS[request.method];
  if (!method) return failure(id, 'methodNotFound');
  try {
    return await method(id, request.params, payments, afterPaid);
  } catch {
    // A database that is down is Payme's "system error": it tries again later.
    return failure(id, 'system');
  }
}

type Method = (id: RpcId, params: Record<string, unknown>, payments: PaymentStorage, afterPaid: AfterPaid) => Promise<RpcAnswer>;

const METHODS: Record<string, Method> = {
  async CheckPerformTransaction(id, params, payments) {
    const amount = tiyin(params.amount);
    if (amount === null) return failure(id, 'invalidRequest');
    const reference = accountReference(params.account);
    if (reference === null) return failure(id, 'invoiceNotFound', PAYME_ACCOUNT_FIELD);
    const checked = await payments.paymeCheck(reference, amount);
    if (checked.kind === 'amount') return failure(id, 'wrongAmount');
    if (checked.kind === 'account') return accountFailure(id, checked.problem);
    return success(id, { allow: true });
  },

  async CreateTransaction(id, params, payments) {
    const amount = tiyin(params.amount);
    const time = millis(params.time);
    if (!isTransactionId(params.id) || amount === null || time === null) return failure(id, 'invalidRequest');
    const reference = accountReference(params.account);
    if (reference === null) return failure(id, 'invoiceNotFound', PAYME_ACCOUNT_FIELD);
    const written = await payments.paymeCreate({ id: params.id, time, amountTiyin: amount, reference });
    return answer(id, written, (t) => ({ create_time: t.createTime, transaction: t.receipt, state: t.state }));
  },

  async PerformTransaction(id, params, payments, afterPaid) {
    if (!isTransactionId(params.id)) return failure(id, 'invalidRequest');
    const written = await payments.paymePerform(params.id);
    if (written.kind === 'ok' && written.fresh) await afterPaid(written.invoice);
    return answer(id, written, (t) => ({ transaction: t.receipt, perform_time: t.performTime, state: t.state }));
  },

  async CancelTransaction(id, params, payments) {
    if (!isTransactionId(params.id) || typeof params.reason !== 'number' || !CANCEL_REASONS.has(params.reason)) return failure(id, 'invalidRequest');
    const written = await payments.paymeCancel(params.id, params.reason);
    return answer(id, written, (t) => ({ transaction: t.receipt, cancel_time: t.cancelTime, state: t.state }));
  },

  async CheckTransaction(id, params, payments) {
    if (!isTransactionId(params.id)) return failure(id, 'invalidRequest');
    const t = await payments.paymeTransaction(params.id);
    if (!t) return failure(id, 'transactionNotFound');
    return success(id, transactionState(t));
  },

  async GetStatement(id, params, payments) {
    const from = millis(params.from);
    const to = millis(params.to);
    if (from === null || to === null || from > to) return failure(id, 'invalidRequest');
    const transactions = await payments.paymeStatement(from, to);
    return success(id, {
      transactions: transactions.map((t) => ({
        id: t.id, time: t.time, amount: t.amountTiyin, account: { [PAYME_ACCOUNT_FIELD]: t.reference }, ...transactionState(t),
      })),
    });
  },
};

function transactionState(t: PaymeTransaction): Record<string, unknown> {
  return { create_time: t.createTime, perform_time: t.performTime, cancel_time: t.cancelTime, transaction: t.receipt, state: t.state, reason: t.reason };
}

function answer(id: RpcId, written: PaymeWrite, result: (t: PaymeTransaction) => Record<string, unknown>): RpcAnswer {
  switch (written.kind) {
    case 'ok': return success(id, result(written.transaction));
    case 'amount': return failure(id, 'wrongAmount');
    case 'account': return accountFailure(id, written.problem);
    case 'not_found': return failure(id, 'transactionNotFound');
    case 'wrong_state': return failure(id, 'cannotPerform');
    case 'cannot_cancel': return failure(id, 'cannotCancel');
  }
}

function accountFailure(id: RpcId, problem: 'not_found' | 'not_payable' | 'busy'): RpcAnswer {
  const error = problem === 'not_found' ? 'invoiceNotFound' : problem === 'busy' ? 'invoiceBusy' : 'invoiceNotPayable';
  return failure(id, error, PAYME_ACCOUNT_FIELD);
}

/** Basic credentials "Paycom:<key>", compared in constant time. */
function isAuthorised(header: string | undefined, key: string): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8'));
  const expected = Buffer.from(`${PAYME_LOGIN}:${key}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function rpcId(request: unknown): RpcId {
  if (!isObject(request)) return null;
  const { id } = request;
  return (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id.length <= 64) ? id : null;
}

/** A positive whole number of tiyin; Payme never sends fractions. */
function tiyin(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function millis(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_TIME_MS ? value : null;
}

function isTransactionId(value: unknown): value is string {
  return typeof value === 'string' && TRANSACTION_ID.test(value);
}

/** The invoice reference in the account object, checked down to its check digit; null when absent or malformed. */
function accountReference(account: unknown): string | null {
  if (!isObject(account)) return null;
  const value = account[PAYME_ACCOUNT_FIELD];
  return parseInvoiceReference(typeof value === 'number' ? String(value) : value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function success(id: RpcId, result: Record<string, unknown>): RpcAnswer {
  return { jsonrpc: '2.0', id, result };
}

export function failure(id: RpcId, error: keyof typeof PAYME_ERRORS, data?: string): RpcAnswer {
  return { jsonrpc: '2.0', id, error: { code: PAYME_ERRORS[error], message: MESSAGES[error], ...(data ? { data } : {}) } };
}
