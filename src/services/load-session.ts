// Main bundle: keep imports minimal. The session store (and Dexie with it) arrives after first paint.
type SessionStore = typeof import('./session-store');

let session: Promise<SessionStore> | null = null;

export function loadSession(): Promise<SessionStore> {
  session ??= import('./session-store');
  return session;
}
