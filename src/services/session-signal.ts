// Main bundle: one constant imported. Who the app is working for right now (a citizen, or an operator's resident), readable before Dexie loads.
import { OWNER_SELF } from '../core/db/records';

/** What the UI needs to know about the session; nothing personal beyond the names shown on screen. */
export interface SessionView {
  /** 'operator' once a mahalla assistant or field worker has signed in on this phone. */
  mode: 'citizen' | 'operator';
  /** A PIN protects this phone's data and it is not unlocked: only the PIN screen shows. */
  locked: boolean;
  /** Whose drafts, outbox and profile are shown: 'self', 'operator:<id>' or 'resident:<id>'. */
  owner: string;
  operatorName: string | null;
  residentName: string | null;
  /** Set once after five wrong PINs wiped the keys; the PIN screen says so. */
  wiped: boolean;
}

/**
 * WARNING: persistence key. "A PIN protects this phone", kept outside IndexedDB so the PIN screen
 * shows at first paint instead of a flash of the app. It holds no personal data.
 */
export const LOCKED_FLAG = 'xizmat.locked';

function readFlag(): boolean {
  try {
    return globalThis.localStorage?.getItem(LOCKED_FLAG) === '1';
  } catch {
    return false;
  }
}

let view: SessionView = { mode: 'citizen', locked: readFlag(), owner: OWNER_SELF, operatorName: null, residentName: null, wiped: false };
const listeners = new Set<(view: SessionView) => void>();

export function sessionView(): SessionView {
  return view;
}

/** The owner new drafts and every list belong to right now. */
export function currentOwner(): string {
  return view.owner;
}

export function setSessionView(next: Partial<SessionView>): void {
  view = { ...view, ...next };
  listeners.forEach((listener) => listener(view));
}

export function onSessionChange(listener: (view: SessionView) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
