import { randomBytes } from 'node:crypto';
import { PAYME_ACCOUNT_FIELD, PAYME_LOGIN } from './payme-settings';

// A stand-in for Payme's side of its Merchant API, for local runs and tests: it calls the merchant
// endpoint over real HTTP exactly as Payme does when a person pays (check, create, perform), with
// Payme's credentials and transaction ids. It is not Payme: no money moves.

/** Where the merchant endpoint is and the cashbox key to sign in with. */
export interface PaymeCaller {
  /** The merchant endpoint, e.g. http://127.0.0.1:8080/api/v1/payments/payme. */
  url: string;
  key: string;
  fetch?: typeof globalThis.fetch;
  /** Payme's clock: the time it stamps on the transaction. */
  now?: () => number;
}

export class PaymeCallError extends Error {
  constructor(readonly method: string, readonly code: number, message: string) {
    super(`${method}: ${code} ${message}`);
  }
}

let requestId = 0;

/** One JSON-RPC call as Payme makes it; its error becomes a PaymeCallError. */
export async function callPayme(caller: PaymeCaller, method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await (caller.fetch ?? globalThis.fetch)(caller.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${PAYME_LOGIN}:${caller.key}`).toString('base64')}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++requestId, method, params }),
  });
  if (response.status !== 200) throw new PaymeCallError(method, -32400, `HTTP ${response.status}`);
  const body = await response.json() as { result?: Record<string, unknown>; error?: { code: number; message: { en?: string } | string } };
  if (body.error) throw new PaymeCallError(method, body.error.code, typeof body.error.message === 'string' ? body.error.message : body.error.message.en ?? '');
  return body.result ?? {};
}

/** A new transaction id in Payme's shape: 24 hex digits. */
export function paymeTransactionId(): string {
  return randomBytes(12).toString('hex');
}

/** What the stand-in paid: Payme's transaction id and the merchant's answers. */
export interface StandInPayment {
  id: string;
  transaction: string;
  performTime: number;
}

/** Pays an invoice as Payme would: CheckPerformTransaction, CreateTransaction, PerformTransaction. */
export async function payAsPayme(caller: PaymeCaller, reference: string, amountTiyin: number): Promise<StandInPayment> {
  const account = { [PAYME_ACCOUNT_FIELD]: reference };
  await callPayme(caller, 'CheckPerformTransaction', { amount: amountTiyin, account });
  const id = paymeTransactionId();
  const created = await callPayme(caller, 'CreateTransaction', { id, time: (caller.now ?? Date.now)(), amount: amountTiyin, account });
  const performed = await callPayme(caller, 'PerformTransaction', { id });
  return { id, transaction: String(created.transaction), performTime: Number(performed.perform_time) };
}
