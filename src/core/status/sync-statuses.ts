import { DEVICE_KEY_HEADER, INVOICE_STATES, type ErrorBody, type ErrorCode, type Invoice, type StatusChange, type StatusesResponse } from '../../contract/index';
import { OWNER_SELF, type DraftRow, type StatusRow } from '../db/records';
import type { SyncDb, SyncWriteTables } from '../db/sync-db';
import type { XizmatDb } from '../db/xizmat-db';
import { citizenReadHeaders } from '../citizen/citizen-read-headers';
import { forgetCitizen, signedInCitizen } from '../citizen/citizen-record';
import { deviceKey } from '../device/device-key';
import { ownerIsHere, reopenedAnswers } from '../drafts/reopened-answers';

/** WARNING: persistence keys: the cursor of the last status sync and when it ended. */
export const STATUS_CURSOR = 'statuses.cursor';
export const LAST_STATUS_SYNC = 'statuses.syncedAt';
export const STATUSES_PATH = '/api/v1/statuses';
/** Never follow more pages than this in one sync: a broken server cannot keep the phone busy. */
const MAX_PAGES = 20;
/** A status request on a bad link gives up after this long; the next wake-up tries again. */
const STATUS_TIMEOUT_MS = 30_000;
/** An invoice reference as the payment panel groups it: twelve digits. */
const REFERENCE_SHOWN = /^\d{12}$/;

export interface StatusSyncOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => Date;
}

/**
 * Brings back, in one request (a page more only past 200 changes), the status of every application
 * this phone sent whose status changed since the last sync. Each page is written in one
 * transaction with its cursor, so a sync cut short repeats nothing and skips nothing. "Returned for
 * correction" reopens the application as a draft under the same id, with the agency's comment and
 * the answers the server sent back sealed to this phone (kept sealed until unlock for an owner
 * with a PIN); an application that carried no reply key gets back no answers and reopens with
 * what the phone still has of it. A phone signed in as a citizen asks with the citizen's signed read
 * and gets their applications from every phone (src/contract/citizen.ts); one the server says
 * has been signed out (from another phone, say) forgets the sign-in and asks again as only this
 * phone. Returns the changes the person has not seen yet.
 */
export async function syncStatuses(db: SyncDb, options: StatusSyncOptions = {}): Promise<StatusRow[]> {
  const now = options.now ?? (() => new Date());
  const key = await deviceKey(db);
  const fresh: StatusRow[] = [];
  // Read once per sync: a session ended by the server is not used again for the pages after.
  let citizen = await signedInCitizen(db);
  for (let page = 0; page < MAX_PAGES; page++) {
    const cursor = (await db.meta.get(STATUS_CURSOR))?.value as string | undefined;
    const url = `${options.baseUrl ?? ''}${STATUSES_PATH}?since=${encodeURIComponent(cursor ?? '0')}`;
    const ask = async () => (options.fetch ?? fetch)(url, {
      headers: { [DEVICE_KEY_HEADER]: key, ...(await citizenReadHeaders(citizen, 'GET', STATUSES_PATH, now().getTime())) },
      signal: AbortSignal.timeout(STATUS_TIMEOUT_MS), credentials: 'same-origin',
    });
    let response = await ask();
    if (citizen && response.status === 403) {
      // Ended by the server (signed out, or removed from another phone): nothing of the key is kept.
      // Any refusal of the citizen's read (identity_invalid: a phone clock far off, say) keeps the
      // sign-in, which the server has not ended; either way this phone's own statuses still come.
      if (((await response.json().catch(() => null)) as ErrorBody | null)?.error?.code === ('identity_revoked' satisfies ErrorCode)) {
        await forgetCitizen(db, citizen.keyId);
      }
      citizen = null;
      response = await ask();
    }
    if (!response.ok) throw new Error(`statuses: HTTP ${response.status}`);
    const body = (await response.json()) as StatusesResponse;
    if (!Array.isArray(body.changes) || typeof body.cursor !== 'string') throw new Error('statuses: not a statuses answer');
    const reopened = await reopenedFields(db, body.changes);
    await db.transaction('rw', ['statuses', 'outbox', 'drafts', 'meta', 'residents'], async (tx) => {
      for (const change of body.changes) {
        const row = await apply(tx, change, now(), reopened.get(change.id) ?? null);
        if (row?.unseen) fresh.push(row);
      }
      await tx.meta.put({ key: STATUS_CURSOR, value: body.cursor });
      await tx.meta.put({ key: LAST_STATUS_SYNC, value: now().toISOString() });
    });
    if (!body.more) break;
  }
  return fresh;
}

/** What a returned application's draft keeps of the answers sent back, opened before the page's transaction. */
async function reopenedFields(db: SyncDb, changes: StatusChange[]): Promise<Map<string, Pick<DraftRow, 'answers' | 'reopened'>>> {
  const fields = new Map<string, Pick<DraftRow, 'answers' | 'reopened'>>();
  for (const change of changes) {
    if (change.status !== 'returned' || !change.reopenSealed) continue;
    const owner = (await db.outbox.get(change.id))?.owner ?? (await db.statuses.get(change.id))?.owner ?? OWNER_SELF;
    const opened = await reopenedAnswers(db, owner, change.id, change.reopenSealed.sealed);
    if (opened) fields.set(change.id, opened);
  }
  return fields;
}

/** Stores one change; reopens a returned application as a draft once per revision. */
async function apply(tx: SyncWriteTables, change: StatusChange, now: Date, reopened: Pick<DraftRow, 'answers' | 'reopened'> | null): Promise<StatusRow> {
  const item = await tx.outbox.get(change.id);
  const previous = await tx.statuses.get(change.id);
  const owner = item?.owner ?? previous?.owner ?? OWNER_SELF;
  // "Received" is what the person saw when the receipt came; anything else is news, and so is
  // "received" after waiting for payment: the money arrived.
  const moved = previous?.status !== change.status || previous.revision !== change.revision;
  const news = moved && (change.status !== 'received' || previous?.status === 'awaiting_payment');
  const row: StatusRow = {
    id: change.id, owner, serviceId: change.serviceId, status: change.status, message: change.message,
    changedAt: change.changedAt, number: change.number, revision: change.revision, unseen: news || (previous?.unseen ?? false),
    // Every change of an application with a fee carries its invoice: the newest one replaces the last.
    ...(isInvoice(change.invoice) ? { invoice: change.invoice } : {}),
  };
  await tx.statuses.put(row);
  const formVersion = change.reopenSealed?.formVersion ?? item?.formVersion;
  if (change.status === 'returned' && formVersion !== undefined && !(await tx.drafts.get(change.id)) && (await ownerIsHere(tx, owner))) {
    // Only while the phone still holds the revision the agency returned: a correction already in the outbox wins.
    const sentRevision = item?.payload ? ((JSON.parse(item.payload.body) as { revision?: number }).revision ?? 1) : change.revision;
    if (!item || (item.state === 'delivered' && sentRevision <= change.revision)) {
      // Without answers from the server, what the phone still has: the summary of a readable item, or nothing.
      const answers = reopened ?? { answers: item?.answers ?? {} };
      const draft: DraftRow = {
        id: change.id, owner, serviceId: change.serviceId, formVersion, ...answers,
        createdAt: now.toISOString(), updatedAt: now.toISOString(), revision: change.revision + 1,
        returned: { message: change.message, at: change.changedAt },
      };
      await tx.drafts.put(draft);
    }
  }
  return row;
}

/**
 * Whether what came as an invoice has what the payment panel reads: a reference of twelve digits
 * (its check digit is the server's to check: this code also runs in the service worker, where every
 * byte counts), a whole positive amount, a known state, a due time, a pay link or null, and a receipt's
 * transaction when there is a receipt. Anything else is dropped rather than
 * kept to break the screen that shows it.
 */
function isInvoice(value: unknown): value is Invoice {
  if (!value || typeof value !== 'object') return false;
  const invoice = value as Partial<Invoice>;
  return typeof invoice.reference === 'string' && REFERENCE_SHOWN.test(invoice.reference) && Number.isSafeInteger(invoice.amountTiyin) && invoice.amountTiyin! > 0
    && (INVOICE_STATES as readonly unknown[]).includes(invoice.state) && typeof invoice.dueAt === 'string' && !Number.isNaN(Date.parse(invoice.dueAt))
    && (invoice.payLink === null || typeof invoice.payLink === 'string')
    && (invoice.paidVia === undefined || typeof invoice.paidVia?.transaction === 'string');
}

/** The person has looked at their applications: nothing is news any more. */
export async function markStatusesSeen(db: XizmatDb, owner: string): Promise<void> {
  await db.statuses.where('owner').equals(owner).modify({ unseen: false });
}
