// npm run bench:statuses: what bringing statuses back costs a phone (README.md, "Statuses, the back
// office and the admin command"), against the peer a naive client would be: asking for each
// application on its own. Real server (SQLite), real HTTP.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { DEVICE_KEY_HEADER, MAX_BATCH_ITEMS, type StatusesResponse } from '../src/contract/index';
import { postBackOfficeMove, TEST_ADMIN_TOKEN } from '../server/test-support/back-office-client';
import { rawGet } from '../server/test-support/raw-get';
import { startTestServer, WITHOUT_REQUEST_LIMITS, type TestServer } from '../server/test-support/start-test-server';
import { postJson, validItem } from '../server/test-support/submission-fixtures';
import { profiles } from './support/profiles';
import { replaceSection } from './support/replace-section';
import { median, percentile } from './support/write-results';

/** The phone measured: a field worker's month of applications. */
const PHONE_APPLICATIONS = 200;
/** Other phones' applications in the same database, so the phone's rows are a slice of a bigger table. */
const OTHER_PHONES = 40;
const OTHER_APPLICATIONS_EACH = 50;
/** Applications the agency moves between two syncs. */
const MOVED = 20;
/** Requests per case, for the medians. */
const RUNS = 30;
const ADMIN_TOKEN = TEST_ADMIN_TOKEN;
/** HTTP/1.1 request and response headers per request, an estimate (a phone's request ~180 bytes, our answer ~150). */
const HEADER_BYTES = 330;

interface Case { label: string; requests: number; changes: number; wireBytes: number; p50Ms: number; p95Ms: number }

async function sendAll(server: TestServer, key: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let sent = 0; sent < count; sent += MAX_BATCH_ITEMS) {
    const items = Array.from({ length: Math.min(MAX_BATCH_ITEMS, count - sent) }, () => validItem());
    const response = await postJson(server.origin, { items }, { [DEVICE_KEY_HEADER]: key });
    if (response.status !== 200) throw new Error(`batch refused: ${response.status}`);
    ids.push(...items.map((i) => i.id));
  }
  return ids;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function measure(label: string, changes: number, requests: number, once: () => Promise<number>): Promise<Case> {
  const times: number[] = [];
  let wireBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const { ms, value } = await timed(once);
    times.push(ms);
    wireBytes = value;
  }
  return { label, requests, changes, wireBytes, p50Ms: median(times), p95Ms: percentile(times, 95) };
}

/** One GET of the statuses as a phone sends it (brotli accepted); returns the bytes on the wire. */
async function statusesBytes(server: TestServer, key: string, since: string): Promise<{ bytes: number; page: StatusesResponse }> {
  const response = await rawGet(`${server.origin}/api/v1/statuses?since=${since}`, { [DEVICE_KEY_HEADER]: key, 'accept-encoding': 'br, gzip' });
  if (response.status !== 200) throw new Error(`statuses: ${response.status}`);
  const { brotliDecompressSync } = await import('node:zlib');
  const body = response.headers['content-encoding'] === 'br' ? brotliDecompressSync(response.body) : response.body;
  return { bytes: response.body.length + HEADER_BYTES, page: JSON.parse(body.toString('utf8')) as StatusesResponse };
}

async function main(): Promise<void> {
  const load = loadavg()[0]!;
  const server = await startTestServer({ adminToken: ADMIN_TOKEN, ...WITHOUT_REQUEST_LIMITS });
  try {
    const key = randomBytes(32).toString('hex');
    const mine = await sendAll(server, key, PHONE_APPLICATIONS);
    for (let p = 0; p < OTHER_PHONES; p++) await sendAll(server, randomBytes(32).toString('hex'), OTHER_APPLICATIONS_EACH);

    const first = await statusesBytes(server, key, '0');
    const cases: Case[] = [];
    cases.push(await measure(`first sync: all ${PHONE_APPLICATIONS} applications`, first.page.changes.length, 1, async () => (await statusesBytes(server, key, '0')).bytes));
    cases.push(await measure('nothing changed since the cursor', 0, 1, async () => (await statusesBytes(server, key, first.page.cursor)).bytes));
    for (const id of mine.slice(0, MOVED)) {
      await postBackOfficeMove(server.origin, ADMIN_TOKEN, { application: id, to: 'in_progress', en: 'Being reviewed by the registry office' });
    }
    const moved = await statusesBytes(server, key, first.page.cursor);
    cases.push(await measure(`${MOVED} moved since the cursor`, moved.page.changes.length, 1, async () => (await statusesBytes(server, key, first.page.cursor)).bytes));
    // The peer: a client without a cursor asks for each application by id.
    cases.push(await measure(`peer: one GET per application (${PHONE_APPLICATIONS})`, PHONE_APPLICATIONS, PHONE_APPLICATIONS, async () => {
      let bytes = 0;
      for (const id of mine) bytes += (await rawGet(`${server.origin}/api/v1/submissions/${id}`, { [DEVICE_KEY_HEADER]: key, 'accept-encoding': 'br, gzip' })).body.length + HEADER_BYTES;
      return bytes;
    }));

    const p2 = profiles(6).find((p) => p.id === 'P2')!.network!;
    const onP2 = (c: Case) => (c.requests * p2.latency + (c.wireBytes / p2.downloadThroughput) * 1000) / 1000;
    const rows = cases.map((c) => `| ${c.label} | ${c.requests} | ${c.changes} | ${c.wireBytes.toLocaleString('en')} | ${c.p50Ms.toFixed(1)} ms | ${c.p95Ms.toFixed(1)} ms | ${onP2(c).toFixed(1)} s |`);
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    replaceSection('statuses', `
## Statuses: what a sync costs a phone (bench/statuses.ts)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:statuses\` on this project's machine (${machine}), load average
${load.toFixed(1)} at the start. The real server on SQLite over real HTTP on localhost; the phone holds ${PHONE_APPLICATIONS} delivered
applications in a database that also holds ${(OTHER_PHONES * OTHER_APPLICATIONS_EACH).toLocaleString('en')} of ${OTHER_PHONES} other phones. Bytes are on the wire as the phone gets them
(brotli where the body is over 1 KB) plus an estimated ${HEADER_BYTES} bytes of HTTP headers per request; time is the median and p95 of
${RUNS} runs on localhost; "on P2" adds the 2G stress profile of docs/performance.md (3,000 ms round trip, 280 kbit/s down) as
round trips times latency plus bytes over bandwidth. The peer is what a client without a cursor would do: ask for each
application by its id.

| case | requests | changes | bytes on the wire | p50 (localhost) | p95 (localhost) | on P2 |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

A sync with nothing new costs one round trip and a few hundred bytes whatever the phone holds; the peer's cost grows with
every application ever sent, which on a 2G link is minutes of airtime per check.
`);
    console.log(rows.join('\n'));
  } finally {
    await server.close();
  }
}

await main();
