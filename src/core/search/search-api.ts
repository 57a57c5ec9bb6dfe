import type { SearchDoc, SearchHit } from './search-index';

/** The search worker's Comlink API (src/worker/search-worker.ts); the worker bridge calls it. */
export interface SearchWorkerApi {
  /**
   * Builds the index from the catalogue. The worker keeps the folded keys in the app's database and
   * reuses them while the catalogue's names are the same; `folded` says whether it had to fold anew.
   */
  load(docs: SearchDoc[]): Promise<{ size: number; folded: boolean }>;
  /** The hits and how long the search took in the worker (ms), so the page can tell work from waiting. */
  search(query: string, limit: number): { hits: SearchHit[]; took: number };
}
