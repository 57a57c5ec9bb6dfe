// Main bundle: no imports. Whether this build could not upgrade the phone's database, and what the
// page's fallback (services/upgrade-fallback.ts) can still do; the notice in the app shell reads it.

export interface UpgradeFailureView {
  /** The queue could be opened as it is: it is counted and sent from here. */
  reachable: boolean;
  /** Applications still waiting to be sent. */
  waiting: number;
  /** Sends what waits now (the notice's button). */
  sendNow?: () => Promise<void>;
}

let current: UpgradeFailureView | null = null;
const listeners = new Set<() => void>();

export function upgradeFailure(): UpgradeFailureView | null {
  return current;
}

export function setUpgradeFailure(view: UpgradeFailureView): void {
  current = view;
  listeners.forEach((listener) => listener());
}

export function onUpgradeFailure(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
