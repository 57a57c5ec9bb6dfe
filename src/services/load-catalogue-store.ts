// Main bundle: keep imports minimal. The catalogue store (and Dexie with it) arrives after first paint.
export type CatalogueStore = typeof import('./catalogue-store');
type WorkerBridge = typeof import('./worker-bridge');

let store: Promise<CatalogueStore> | null = null;
let bridge: Promise<WorkerBridge> | null = null;

export function loadCatalogueStore(): Promise<CatalogueStore> {
  store ??= import('./catalogue-store');
  return store;
}

/** The search worker's bridge, on the first search only. */
export function loadWorkerBridge(): Promise<WorkerBridge> {
  bridge ??= import('./worker-bridge');
  return bridge;
}
