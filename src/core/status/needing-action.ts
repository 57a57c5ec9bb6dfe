import type { OutboxRow, StatusRow } from '../db/records';
import { needsCitizenSignIn } from '../outbox/refused-proof';

/**
 * Why an application waits for its person: the agency returned it (correct and send again), refused
 * it (read why), its fee is to be paid (see how), the server found a mistake in an answer (change
 * that answer), the server refused who sent it (sign in again), the server needs the citizen signed
 * in to take it (sign in with OneID), or the server holds something else under its id (see the outbox).
 */
export type ActionReason = 'returned' | 'refused' | 'pay' | 'correct' | 'blocked' | 'held' | 'identity';

export interface NeedingAction {
  id: string;
  serviceId: string;
  reason: ActionReason;
  /** The answer at fault (its path), for `correct` when the server named one. */
  field: string | null;
}

/**
 * The person's applications that wait for them, in the order given (newest first). Ratings and
 * applications carried for someone else are not the person's to act on. A refusal needs reading once:
 * it leaves the list when its status has been seen.
 */
export function needingAction(items: readonly OutboxRow[], statuses: readonly StatusRow[]): NeedingAction[] {
  const statusOf = new Map(statuses.map((s) => [s.id, s]));
  const found: NeedingAction[] = [];
  for (const item of items) {
    if (item.kind === 'feedback' || item.carried) continue;
    const status = statusOf.get(item.id);
    const add = (reason: ActionReason, field: string | null = null) => found.push({ id: item.id, serviceId: item.serviceId, reason, field });
    if (needsCitizenSignIn(item)) add('identity');
    else if (item.state === 'needs_action') add('correct', item.problem?.fields?.[0]?.field ?? null);
    else if (item.state === 'blocked') add('blocked');
    else if (item.state === 'quarantined') add('held');
    // A correction already queued is newer than the "returned" the server last said.
    else if (item.state === 'delivered' && status?.status === 'returned') add('returned');
    else if (status?.status === 'rejected' && status.unseen) add('refused');
    // Until it is paid, whether seen or not: nothing moves before the money comes.
    else if (status?.status === 'awaiting_payment' && status.invoice?.state === 'open') add('pay');
  }
  // A signed-in citizen's application sent from another of their phones has a status and no item here.
  const here = new Set(items.map((item) => item.id));
  for (const status of statuses) {
    if (here.has(status.id)) continue;
    const add = (reason: ActionReason) => found.push({ id: status.id, serviceId: status.serviceId, reason, field: null });
    if (status.status === 'returned') add('returned');
    // Its fee shows on My applications, where it is listed: this phone has no submitted screen of it.
    else if (status.status === 'rejected' && status.unseen) add('refused');
  }
  return found;
}
