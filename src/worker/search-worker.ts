/// <reference lib="webworker" />
// The Comlink worker for CPU-heavy work: catalogue search (issue 3). Reached only through
// src/services/worker-bridge.ts, started on first use and stopped when idle.
import { expose } from 'comlink';
import type { SearchWorkerApi } from '../core/search/search-api';
import { fingerprint, SearchIndex } from '../core/search/search-index';
import { keepKeys, readKeptKeys } from './kept-search-keys';

let index = new SearchIndex([]);

const api: SearchWorkerApi = {
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
};

expose(api);
