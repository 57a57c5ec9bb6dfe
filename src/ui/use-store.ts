import { useEffect, useState } from 'preact/hooks';
import type { XizmatDb } from '../core/db/xizmat-db';
import { loadStore, type Store } from '../services/load-store';

type Query<T> = (db: XizmatDb) => Promise<T>;

/** The store once loaded; null during the first paint. */
export function useStore(): Store | null {
  const [store, setStore] = useState<Store | null>(null);
  useEffect(() => { void loadStore().then(setStore); }, []);
  return store;
}

/**
 * Live result of a database query: re-renders whenever the rows it read change, whoever changed
 * them (this page, another tab, or the service worker). `undefined` while loading.
 */
export function useWatch<T>(pick: (store: Store) => Query<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    setValue(undefined);
    void loadStore().then((store) => {
      if (!cancelled) stop = store.watch(pick(store), (v) => setValue(() => v));
    });
    return () => { cancelled = true; stop?.(); };
  }, deps);
  return value;
}
