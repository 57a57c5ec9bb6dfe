// Main bundle: keep imports minimal. The catalogue store (and Dexie with it) arrives after first paint.
import { loadOnce } from './load-once';

export type CatalogueStore = typeof import('./catalogue-store');
type WorkerBridge = typeof import('./worker-bridge');

export const loadCatalogueStore = loadOnce<CatalogueStore>(() => import('./catalogue-store'));

/** The search worker's bridge, on the first search only. */
export const loadWorkerBridge = loadOnce<WorkerBridge>(() => import('./worker-bridge'));
