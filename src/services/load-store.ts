// Main bundle: keep imports minimal. The store (and Dexie with it) arrives after first paint.
import { loadOnce } from './load-once';

export type Store = typeof import('./store');
export type StatusStore = typeof import('./status-store');
type AppDb = typeof import('./app-db');

export const loadStore = loadOnce<Store>(() => import('./store'));

/** Statuses, notifications and feedback, loaded with the store. */
export const loadStatusStore = loadOnce<StatusStore>(() => import('./status-store'));

/** The page's database connection and its live queries. */
export const loadAppDb = loadOnce<AppDb>(() => import('./app-db'));
