import type { SearchDoc, SearchHit, SearchKeys } from './search-index';

/** The search worker's Comlink API (src/worker/search-worker.ts); the worker bridge calls it. */
export interface SearchWorkerApi {
  /**
   * Builds the index from the catalogue, from `kept` keys when they were folded from the same docs.
   * Answers the keys when it had to fold them anew, for the page to keep for the next visit.
   */
  load(docs: SearchDoc[], kept: SearchKeys | null): { size: number; folded: SearchKeys | null };
  /** The hits and how long the search took in the worker (ms), so the page can tell work from waiting. */
  search(query: string, limit: number): { hits: SearchHit[]; took: number };
}
