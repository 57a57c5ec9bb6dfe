import type { SearchDoc, SearchHit } from './search-index';

/** The search worker's Comlink API (src/worker/search-worker.ts); the worker bridge calls it. */
export interface SearchWorkerApi {
  /** Builds the index from the catalogue; answers how many services it holds. */
  load(docs: SearchDoc[]): number;
  /** The hits and how long the search took in the worker (ms), so the page can tell work from waiting. */
  search(query: string, limit: number): { hits: SearchHit[]; took: number };
}
