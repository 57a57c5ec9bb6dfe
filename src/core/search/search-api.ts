import type { SearchDoc, SearchHit } from './search-index';

/** The search worker's Comlink API (src/worker/search-worker.ts); the worker bridge calls it. */
export interface SearchWorkerApi {
  /** Builds the index from the catalogue; answers how many services it holds. */
  load(docs: SearchDoc[]): number;
  search(query: string, limit: number): SearchHit[];
}
