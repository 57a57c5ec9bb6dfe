// Main bundle: keep imports minimal. The store (and Dexie with it) arrives after first paint.
export type Store = typeof import('./store');
export type StatusStore = typeof import('./status-store');
type AppDb = typeof import('./app-db');

let store: Promise<Store> | null = null;
let statusStore: Promise<StatusStore> | null = null;
let appDb: Promise<AppDb> | null = null;

export function loadStore(): Promise<Store> {
  store ??= import('./store');
  return store;
}

/** Statuses, notifications and feedback (issue 9), loaded with the store. */
export function loadStatusStore(): Promise<StatusStore> {
  statusStore ??= import('./status-store');
  return statusStore;
}

/** The page's database connection and its live queries. */
export function loadAppDb(): Promise<AppDb> {
  appDb ??= import('./app-db');
  return appDb;
}
