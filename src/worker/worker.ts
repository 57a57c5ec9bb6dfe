/// <reference lib="webworker" />
// The Comlink worker for CPU-heavy work: catalogue search (docs/catalogue.md) and photo compression (docs/performance.md, T7).
// Reached only through src/services/worker-bridge.ts, started on first use and stopped when idle.
import { expose } from 'comlink';
import { compressPhoto } from '../core/photos/compress-photo';
import { fingerprint, SearchIndex } from '../core/search/search-index';
import type { WorkerApi } from '../core/worker-api';
import { keepKeys, readKeptKeys } from './kept-search-keys';

let index = new SearchIndex([]);

const api: WorkerApi = {
  async load(docs) {
    const kept = await readKeptKeys();
    if (kept && kept.fingerprint === fingerprint(docs)) {
      index = new SearchIndex(kept);
      return { size: index.size, folded: false };
    }
    index = new SearchIndex(docs);
    await keepKeys(index.keys);
    return { size: index.size, folded: true };
  },
  search(query, limit) {
    const started = performance.now();
    const hits = index.search(query, limit);
    return { hits, took: performance.now() - started };
  },
  compressPhoto,
};

expose(api);
