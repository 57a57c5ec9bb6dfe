// The simulated phones of bench/load.ts: each holds a queue of finalised applications and sends it
// in batches through the real protocol (POST /api/v1/submissions, src/contract/submissions.ts),
// with the retries and duplicates a real outbox produces.
import http from 'node:http';
import { MAX_BATCH_ITEMS, isReceiptFor, type BatchResult, type SubmissionItem } from '../src/contract/index';
import { validItem } from '../server/test-support/submission-fixtures';

export interface PhoneLoad {
  phones: number;
  /** Each phone queues 1 to this many applications while offline. */
  maxQueued: number;
  /** Items per batch; the outbox sends up to MAX_BATCH_ITEMS. */
  batchSize: number;
  /** Phones sending at the same moment (the rest wait for coverage). */
  concurrency: number;
  /** Share of batches sent again after their answer, as when the answer was lost on the way back. */
  retryRate: number;
  /** Share of batches sent twice at once, as when Background Sync and the page flush together. */
  twinRate: number;
  seed: number;
}

export interface LoadFigures {
  /** Distinct application ids the phones sent. */
  ids: number;
  /** Items answered 201 (stored by this request) and 200 (the stored receipt again). */
  created: number;
  replayed: number;
  /** Batches answered, and round-trip time of each in ms. */
  batches: number;
  latenciesMs: number[];
  wallMs: number;
  /** Anything but a receipt for the id sent, or a second 201 or another number for one id: must be 0. */
  failures: string[];
}

/** Deterministic, so two runs (and two databases) get the same workload: mulberry32. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Runs every phone's queue against `origin` and checks every answer. */
export async function runPhones(origin: string, load: PhoneLoad): Promise<LoadFigures> {
  if (load.batchSize > MAX_BATCH_ITEMS) throw new Error(`batchSize over the protocol's ${MAX_BATCH_ITEMS}`);
  const rand = random(load.seed);
  const queues = Array.from({ length: load.phones }, () => Array.from({ length: 1 + Math.floor(rand() * load.maxQueued) }, () => validItem()));
  const plans = queues.map(() => ({ retry: rand() < load.retryRate, twin: rand() < load.twinRate }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.concurrency * 2 });
  const target = new URL('/api/v1/submissions', origin);
  const figures: LoadFigures = { ids: 0, created: 0, replayed: 0, batches: 0, latenciesMs: [], wallMs: 0, failures: [] };
  const numbers = new Map<string, string>();
  const createdIds = new Set<string>();

  const send = async (items: SubmissionItem[]) => {
    const started = performance.now();
    const { status, body } = await post(target, agent, JSON.stringify({ items }));
    figures.latenciesMs.push(performance.now() - started);
    figures.batches++;
    if (status !== 200) {
      figures.failures.push(`batch answered ${status}: ${body.slice(0, 200)}`);
      return;
    }
    const { results } = JSON.parse(body) as BatchResult;
    items.forEach((item, i) => {
      const result = results[i];
      if (!isReceiptFor(item.id, result)) {
        figures.failures.push(`${item.id}: ${JSON.stringify(result).slice(0, 200)}`);
        return;
      }
      const known = numbers.get(item.id);
      if (known && known !== result.receipt.number) figures.failures.push(`${item.id}: numbers ${known} and ${result.receipt.number}`);
      numbers.set(item.id, result.receipt.number);
      if (result.status === 201) {
        if (createdIds.has(item.id)) figures.failures.push(`${item.id}: created twice`);
        createdIds.add(item.id);
        figures.created++;
      } else {
        figures.replayed++;
      }
    });
  };

  const phone = async (p: number) => {
    const queue = queues[p]!;
    for (let start = 0; start < queue.length; start += load.batchSize) {
      const batch = queue.slice(start, start + load.batchSize);
      if (plans[p]!.twin) await Promise.all([send(batch), send(batch)]);
      else await send(batch);
      if (plans[p]!.retry) await send(batch);
    }
  };

  const started = performance.now();
  let nextPhone = 0;
  await Promise.all(Array.from({ length: load.concurrency }, async () => {
    while (nextPhone < load.phones) await phone(nextPhone++);
  }));
  figures.wallMs = performance.now() - started;
  figures.ids = queues.reduce((sum, queue) => sum + queue.length, 0);
  agent.destroy();
  if (createdIds.size !== figures.ids) figures.failures.push(`${figures.ids - createdIds.size} ids never answered 201`);
  return figures;
}

function post(url: URL, agent: http.Agent, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
