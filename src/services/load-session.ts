// Main bundle: keep imports minimal. The session store (and Dexie with it) arrives after first paint.
import { loadOnce } from './load-once';

type SessionStore = typeof import('./session-store');

export const loadSession = loadOnce<SessionStore>(() => import('./session-store'));
