import { loadCatalogueStore, type CatalogueStore } from '../services/load-catalogue-store';
import { useLive, useLoaded, type Query } from './use-live';

/** The catalogue store once loaded; null during the first paint. */
export function useCatalogueStore(): CatalogueStore | null {
  return useLoaded(loadCatalogueStore);
}

/** Live result of a catalogue query (see useLive); `undefined` while loading. */
export function useCatalogue<T>(pick: (store: CatalogueStore) => Query<T>, deps: unknown[]): T | undefined {
  return useLive(loadCatalogueStore, (s) => s.watchCatalogue, pick, deps);
}

/** Bytes as people read them on a data plan: "12 KB", never less than 1. */
export function kilobytes(bytes: number): string {
  return String(Math.max(1, Math.round(bytes / 1024)));
}
