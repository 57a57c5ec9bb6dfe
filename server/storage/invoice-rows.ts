import type { Selectable } from 'kysely';
import type { Invoice } from '../../src/contract/index';
import type { InvoicesTable } from './schema';

/** An invoice row as the phone's Invoice, less the pay link (the route adds it from the provider settings). */
export function toStoredInvoice(row: Selectable<InvoicesTable>): Omit<Invoice, 'payLink'> {
  return {
    reference: row.reference, amountTiyin: Number(row.amount_tiyin), state: row.state, issuedAt: row.issued_at, dueAt: row.due_at,
    ...(row.paid_at ? { paidAt: row.paid_at } : {}),
    ...(row.paid_via ? { paidVia: JSON.parse(row.paid_via) as NonNullable<Invoice['paidVia']> } : {}),
  };
}
