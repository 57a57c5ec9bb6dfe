/// <reference lib="webworker" />
// The Comlink worker for CPU-heavy work: catalogue search (issue 3). Reached only through
// src/services/worker-bridge.ts, started on first use and stopped when idle.
import { expose } from 'comlink';
import type { SearchWorkerApi } from '../core/search/search-api';
import { fingerprint, SearchIndex } from '../core/search/search-index';

let index = new SearchIndex([]);

const api: SearchWorkerApi = {
  load(docs, kept) {
    if (kept && kept.fingerprint === fingerprint(docs)) {
      index = new SearchIndex(kept);
      return { size: index.size, folded: null };
    }
    index = new SearchIndex(docs);
    return { size: index.size, folded: index.keys };
  },
  search(query, limit) {
    const started = performance.now();
    const hits = index.search(query, limit);
    return { hits, took: performance.now() - started };
  },
};

expose(api);
