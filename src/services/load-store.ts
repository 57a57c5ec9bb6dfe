// Main bundle: keep imports minimal. The store (and Dexie with it) arrives after first paint.
export type Store = typeof import('./store');

let store: Promise<Store> | null = null;

export function loadStore(): Promise<Store> {
  store ??= import('./store');
  return store;
}
