import { useEffect, useState } from 'preact/hooks';
import type { XizmatDb } from '../core/db/xizmat-db';
import { loadCatalogueStore, type CatalogueStore } from '../services/load-catalogue-store';

type Query<T> = (db: XizmatDb) => Promise<T>;

/** The catalogue store once loaded; null during the first paint. */
export function useCatalogueStore(): CatalogueStore | null {
  const [store, setStore] = useState<CatalogueStore | null>(null);
  useEffect(() => { void loadCatalogueStore().then(setStore); }, []);
  return store;
}

/** Live result of a catalogue query, re-rendered whenever what it read changes; `undefined` while loading. */
export function useCatalogue<T>(pick: (store: CatalogueStore) => Query<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    setValue(undefined);
    void loadCatalogueStore().then((store) => {
      if (!cancelled) stop = store.watchCatalogue(pick(store), (v) => setValue(() => v));
    });
    return () => { cancelled = true; stop?.(); };
  }, deps);
  return value;
}

/** Bytes as people read them on a data plan: "12 KB", never less than 1. */
export function kilobytes(bytes: number): string {
  return String(Math.max(1, Math.round(bytes / 1024)));
}
