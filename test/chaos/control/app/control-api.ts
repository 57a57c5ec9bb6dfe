/** What the control page offers the test through `window.control`; typed once for both sides. */
export interface ControlApi {
  /**
   * Sends one application as a one-item batch, as a form page with `fetch` does, after its photo
   * when `photoSeed` is given. Each outcome is what such a page tells the person: sent (a 2xx), an
   * error status, or "will be sent later" (the fetch failed, so Workbox's plugin has queued it).
   */
  submit(serviceId: string, answers: Record<string, string | boolean>, photoSeed: number | null): Promise<Submitted>;
  /** Sync events the service worker started and finished (it says so on a BroadcastChannel), and the most at once. */
  syncs: { started: number; ended: number; failed: number; mostAtOnce: number };
}

export interface Submitted {
  id: string;
  outcome: SubmitOutcome;
  /** The photo's SHA-256 (hex), its size and what the page was told about its upload. */
  photo?: { sha256: string; bytes: number; outcome: SubmitOutcome };
}

export type SubmitOutcome = 'sent' | 'queued' | `status ${number}`;

/** Where the service worker reports each sync event; a test hook, not part of Workbox's pattern. */
export const SYNC_CHANNEL = 'control-sync';
/** The Workbox queue; its sync tag is `workbox-background-sync:control`. */
export const QUEUE_NAME = 'control';
/** The POSTs the control queues: applications, and photos (one tus creation-with-upload each). */
export const SUBMISSIONS_PATH = '/api/v1/submissions';
export const UPLOADS_PATH = '/api/v1/uploads';

export type SyncNote = { type: 'sync-start' } | { type: 'sync-end'; ok: boolean };
