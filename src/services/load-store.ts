// Main bundle: keep imports minimal. The store (and Dexie with it) arrives after first paint.
import { loadOnce } from './load-once';

export type Store = typeof import('./store');
export type StatusStore = typeof import('./status-store');
type AppDb = typeof import('./app-db');

/** One dynamic import for all three: separate ones would split their shared code into more chunks. */
const loadAfterPaint = loadOnce(() => import('./after-paint'));

export const loadStore = (): Promise<Store> => loadAfterPaint().then((loaded) => loaded.store);

/** Statuses, notifications and feedback, loaded with the store. */
export const loadStatusStore = (): Promise<StatusStore> => loadAfterPaint().then((loaded) => loaded.statusStore);

/** The page's database connection and its live queries. */
export const loadAppDb = (): Promise<AppDb> => loadAfterPaint().then((loaded) => loaded.appDb);
