// The only module that talks to the worker: one bridge per boundary, so the worker can change behind it. Loaded on first
// search or photo, so neither the worker nor Comlink costs anything at first paint.
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { ServiceSummary } from '../contract/index';
import { toSearchDoc } from '../core/search/catalogue-docs';
import type { WorkerApi } from '../core/worker-api';
import type { SearchHit } from '../core/search/search-index';

/** Stop the worker after this long without a search: frees its memory on 1 GB phones. */
const WORKER_IDLE_MS = 60_000;
/** Performance measures of each search: the round trip, and the search itself in the worker (bench/catalogue.ts). */
const SEARCH_MEASURE = 'xizmat:search';
const SEARCH_WORK_MEASURE = 'xizmat:search-work';
/** Results a search returns unless asked otherwise: a phone screen and a bit. */
const DEFAULT_RESULTS = 20;

interface Running {
  worker: Worker;
  api: Remote<WorkerApi>;
  /** The catalogue the worker's index was built from; rebuilt when the page hands a new one. */
  loaded: ServiceSummary[] | null;
  /** Settles when the worker holds the index of `loaded`: searches wait for it. */
  ready: Promise<void>;
}

let running: Running | null = null;
let catalogue: ServiceSummary[] = [];
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Hands the bridge the catalogue on the device; the worker indexes it before the next search. */
export function setSearchCatalogue(services: ServiceSummary[]): void {
  catalogue = services;
}

/** Starts the worker and builds the index ahead of the first keystroke (the search box got focus). */
export async function warmSearch(): Promise<void> {
  const run = start();
  if (run.loaded !== catalogue) {
    run.loaded = catalogue;
    run.ready = loadIndex(run, catalogue);
  }
  await run.ready;
  stopWhenIdle();
}

/** Builds the worker's index; the worker reuses the folded keys it kept on an earlier visit. */
async function loadIndex(run: Running, services: ServiceSummary[]): Promise<void> {
  await run.api.load(services.map(toSearchDoc));
}

/** Services matching what the person typed, best first. Resolves to null if `signal` aborted it meanwhile. */
export async function searchServices(
  query: string, options: { limit?: number; signal?: AbortSignal } = {},
): Promise<SearchHit[] | null> {
  await warmSearch();
  const run = start();
  if (options.signal?.aborted) return null;
  const started = performance.now();
  const { hits, took } = await run.api.search(query, options.limit ?? DEFAULT_RESULTS);
  performance.measure(SEARCH_MEASURE, { start: started, detail: { query, results: hits.length } });
  performance.measure(SEARCH_WORK_MEASURE, { start: started, duration: took });
  stopWhenIdle();
  return options.signal?.aborted ? null : hits;
}

/** Compresses a photo off the main thread, so typing stays smooth on a 1 GB phone. */
export async function compressPhotoInWorker(photo: Blob): Promise<Blob> {
  try {
    return await start().api.compressPhoto(photo);
  } finally {
    stopWhenIdle();
  }
}

function start(): Running {
  if (running) return running;
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'xizmat-worker' });
  running = { worker, api: wrap<WorkerApi>(worker), loaded: null, ready: Promise.resolve() };
  return running;
}

function stopWhenIdle(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (!running) return;
    running.api[releaseProxy]();
    running.worker.terminate();
    running = null;
  }, WORKER_IDLE_MS);
}
