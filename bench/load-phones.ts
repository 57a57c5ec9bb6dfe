// The simulated phones of bench/load.ts: each holds a queue of finalised applications and sends it
// in batches through the real protocol (POST /api/v1/submissions, src/contract/submissions.ts),
// with the retries and duplicates a real outbox produces, then asks for its statuses (GET /api/v1/statuses)
// as the app does after a flush.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import {
  DEVICE_KEY_HEADER, MAX_BATCH_ITEMS, isReceiptFor, type BatchResult, type StatusesResponse, type SubmissionItem,
} from '../src/contract/index';
import { validItem } from '../server/test-support/submission-fixtures';
import { seededRandom } from '../test/chaos/support/fault-proxy';

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
  /** Status reads, one per phone after its last batch, and their round-trip times in ms. */
  statusReads: number;
  statusLatenciesMs: number[];
  wallMs: number;
  /** Anything but a receipt for the id sent, or a second 201 or another number for one id: must be 0. */
  failures: string[];
}

/** Runs every phone's queue against `origin` and checks every answer. */
export async function runPhones(origin: string, load: PhoneLoad): Promise<LoadFigures> {
  if (load.batchSize > MAX_BATCH_ITEMS) throw new Error(`batchSize over the protocol's ${MAX_BATCH_ITEMS}`);
  // Deterministic, so two runs (and two databases) get the same workload.
  const rand = seededRandom(load.seed);
  const queues = Array.from({ length: load.phones }, () => Array.from({ length: 1 + Math.floor(rand() * load.maxQueued) }, () => validItem()));
  const plans = queues.map(() => ({ retry: rand() < load.retryRate, twin: rand() < load.twinRate }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.concurrency * 2 });
  const target = new URL('/api/v1/submissions', origin);
  const statuses = new URL('/api/v1/statuses?since=0', origin);
  const keys = queues.map(() => randomBytes(32).toString('hex'));
  const figures: LoadFigures = {
    ids: 0, created: 0, replayed: 0, batches: 0, latenciesMs: [], statusReads: 0, statusLatenciesMs: [], wallMs: 0, failures: [],
  };
  const numbers = new Map<string, string>();
  const createdIds = new Set<string>();

  const send = async (items: SubmissionItem[], key: string) => {
    const started = performance.now();
    const { status, body } = await request(target, agent, key, JSON.stringify({ items }));
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

  /** Every application this phone sent, each once and still received, whichever instance answers. */
  const readStatuses = async (queue: SubmissionItem[], key: string) => {
    const started = performance.now();
    const { status, body } = await request(statuses, agent, key);
    figures.statusLatenciesMs.push(performance.now() - started);
    figures.statusReads++;
    const ids = status === 200 ? (JSON.parse(body) as StatusesResponse).changes.map((c) => c.id).sort() : [];
    if (JSON.stringify(ids) !== JSON.stringify(queue.map((item) => item.id).sort())) {
      figures.failures.push(`statuses answered ${status} with ${ids.length} of ${queue.length} applications`);
    }
  };

  const phone = async (p: number) => {
    const [queue, key] = [queues[p]!, keys[p]!];
    for (let start = 0; start < queue.length; start += load.batchSize) {
      const batch = queue.slice(start, start + load.batchSize);
      if (plans[p]!.twin) await Promise.all([send(batch, key), send(batch, key)]);
      else await send(batch, key);
      if (plans[p]!.retry) await send(batch, key);
    }
    await readStatuses(queue, key);
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

/** A POST of `body` (or a GET without one) as the phone holding `key`. */
function request(url: URL, agent: http.Agent, key: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { [DEVICE_KEY_HEADER]: key };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = http.request(url, { method: body === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
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
