import { loadAppDb, loadStatusStore, loadStore, type StatusStore, type Store } from '../services/load-store';
import { useLive, useLoaded, type Query } from './use-live';

/** The store once loaded; null during the first paint. */
export function useStore(): Store | null {
  return useLoaded(loadStore);
}

/** The status store once loaded; null during the first paint. */
export function useStatusStore(): StatusStore | null {
  return useLoaded(loadStatusStore);
}

/** Live result of a query of a lazily loaded module on the page's database (see useLive). */
function useDbLive<S, T>(load: () => Promise<S>, pick: (loaded: S) => Query<T>, deps: unknown[]): T | undefined {
  return useLive(() => Promise.all([loadAppDb(), load()]), ([app]) => app.watch, ([, loaded]) => pick(loaded), deps);
}

/** Live result of a store query (see useLive); `undefined` while loading. */
export function useWatch<T>(pick: (store: Store) => Query<T>, deps: unknown[]): T | undefined {
  return useDbLive(loadStore, pick, deps);
}

/** Live result of a status store query (see useLive); `undefined` while loading. */
export function useStatusWatch<T>(pick: (store: StatusStore) => Query<T>, deps: unknown[]): T | undefined {
  return useDbLive(loadStatusStore, pick, deps);
}
