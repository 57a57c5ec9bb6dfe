/** What the control page offers the test through `window.control`; typed once for both sides. */
export interface ControlApi {
  /**
   * Sends one application as a one-item batch, as a form page with `fetch` does. The outcome is
   * what such a page tells the person: sent (a 2xx), an error status, or "will be sent later"
   * (the fetch failed, so Workbox's plugin has queued it).
   */
  submit(serviceId: string, answers: Record<string, string | boolean>): Promise<{ id: string; outcome: SubmitOutcome }>;
  /** Sync events the service worker started and finished (it says so on a BroadcastChannel), and the most at once. */
  syncs: { started: number; ended: number; failed: number; mostAtOnce: number };
}

export type SubmitOutcome = 'sent' | 'queued' | `status ${number}`;

/** Where the service worker reports each sync event; a test hook, not part of Workbox's pattern. */
export const SYNC_CHANNEL = 'control-sync';
/** The Workbox queue; its sync tag is `workbox-background-sync:control`. */
export const QUEUE_NAME = 'control';

export type SyncNote = { type: 'sync-start' } | { type: 'sync-end'; ok: boolean };
