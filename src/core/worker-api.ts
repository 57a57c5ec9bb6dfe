import type { SearchDoc, SearchHit } from './search/search-index';

/**
 * The worker's one Comlink API for CPU-heavy jobs (src/worker/worker.ts): catalogue search and
 * photo compression. Only src/services/worker-bridge.ts calls it.
 */
export interface WorkerApi {
  /**
   * Builds the index from the catalogue. The worker keeps the folded keys in the app's database and
   * reuses them while the catalogue's names are the same; `folded` says whether it had to fold anew.
   */
  load(docs: SearchDoc[]): Promise<{ size: number; folded: boolean }>;
  /** The hits and how long the search took in the worker (ms), so the page can tell work from waiting. */
  search(query: string, limit: number): { hits: SearchHit[]; took: number };
  /** A camera photo as a legible JPEG within the photo budget (core/photos/compress-photo). */
  compressPhoto(photo: Blob): Promise<Blob>;
}
