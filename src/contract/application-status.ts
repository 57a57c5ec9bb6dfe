import type { Locale } from './locales';
import type { Invoice } from './invoice';
import type { SealedReopen } from './reply-key';

/**
 * An application's life on the server, from receipt to completion or rejection. WARNING: persisted
 * and sent to phones; a value, once published, is never renamed.
 */
export const APPLICATION_STATUSES = ['received', 'in_progress', 'returned', 'completed', 'rejected', 'awaiting_payment'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * Who moves an application: the agency (back office, admin command, automation), the applicant
 * resubmitting, or the payment side (a provider's notification, an invoice running out).
 */
type StatusActor = 'agency' | 'applicant' | 'payment';

/**
 * The only moves there are. "returned" goes back to "received" only when the applicant sends the
 * corrected application; completed and rejected are final. An application with a fee starts in
 * "awaiting_payment" (docs/payments.md): paid, it becomes "received"; its invoice running out
 * rejects it; a payment refunded before the agency took the application up puts it back to wait.
 * The agency may refuse an unpaid application, never start work on one.
 */
const MOVES: Record<StatusActor, Partial<Record<ApplicationStatus, readonly ApplicationStatus[]>>> = {
  agency: {
    received: ['in_progress', 'returned', 'completed', 'rejected'],
    in_progress: ['returned', 'completed', 'rejected'],
    awaiting_payment: ['rejected'],
  },
  applicant: {
    returned: ['received'],
  },
  payment: {
    awaiting_payment: ['received', 'rejected'],
    received: ['awaiting_payment'],
  },
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function canMoveStatus(from: ApplicationStatus, to: ApplicationStatus, actor: StatusActor): boolean {
  return MOVES[actor][from]?.includes(to) ?? false;
}

/** The agency's words to the applicant, in as many of the four languages as it gave. */
export type StatusMessage = Partial<Record<Locale, string>>;

/** The longest message an agency may attach to a status, in characters per language. */
export const STATUS_MESSAGE_MAX_CHARS = 2_000;

/** One application's current status as the phone that sent it receives it. */
export interface StatusChange {
  id: string;
  serviceId: string;
  number: string;
  status: ApplicationStatus;
  message: StatusMessage | null;
  /** When the server recorded this status (ISO 8601). */
  changedAt: string;
  /** 1 for the first submission, one more for each corrected resubmission. */
  revision: number;
  /**
   * Only with "returned": what the server holds, sealed to the reply key the application carried,
   * so that the phone that made it (which kept only a summary after the receipt) can reopen it as
   * a draft for correction. Absent when it carried none: nothing readable comes back.
   */
  reopenSealed?: SealedReopen;
  /** The application's invoice, when its service has a fee: what to pay and how, then its receipt. */
  invoice?: Invoice;
}

/** GET /api/v1/statuses?since={cursor}: what changed for this phone's applications after the cursor. */
export interface StatusesResponse {
  changes: StatusChange[];
  /** Opaque; send it back as `since` next time. */
  cursor: string;
  /** True when more changes wait beyond this page. */
  more: boolean;
}

/** At most this many changes per statuses page. */
export const STATUSES_PAGE_SIZE = 200;
