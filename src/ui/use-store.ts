import { loadStore, type Store } from '../services/load-store';
import { useLive, useLoaded, type Query } from './use-live';

/** The store once loaded; null during the first paint. */
export function useStore(): Store | null {
  return useLoaded(loadStore);
}

/** Live result of a store query (see useLive); `undefined` while loading. */
export function useWatch<T>(pick: (store: Store) => Query<T>, deps: unknown[]): T | undefined {
  return useLive(loadStore, (s) => s.watch, pick, deps);
}
