// How long a field worker's backlog takes to drain when coverage returns on a 2G-like link
// (profile P2 of docs/performance.md: ~256 kbit/s up, ~800 ms round trips), and how many bytes it costs.
// Run: npm run build && npx playwright test --config bench/playwright.config.ts drain-outbox
// (BENCH_ITEMS sets the backlog, 200 by default). Writes its section of docs/benchmarks.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { test } from '@playwright/test';
import { ChaosRun } from '../test/chaos/support/chaos-run';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 200);
/** P2 on the wire: 32 KB/s each way and 400 ms per hop each way (about 800 ms a round trip). */
const P2 = { bytesPerSecond: 32_000, latencyMs: 400, jitterMs: 100 };
const START = '<!-- drain-outbox:start -->';
const END = '<!-- drain-outbox:end -->';

async function drain(name: string, photos: boolean) {
  const run = new ChaosRun(name);
  await run.start();
  run.link({ down: true });
  const queuedAt = Date.now();
  await run.submit(ITEMS, { photos });
  const queueSeconds = (Date.now() - queuedAt) / 1000;
  run.link(P2);
  run.startDrainClock();
  const started = Date.now();
  await run.drain(55 * 60_000);
  const seconds = (Date.now() - started) / 1000;
  const f = await run.figures();
  const up = run.proxy.bytesUp;
  await run.stop();
  if (f.lost || f.duplicated || f.corrupted || f.deliveredOnce !== ITEMS) throw new Error(`drain lost or doubled work: ${JSON.stringify(f)}`);
  return { seconds, queueSeconds, up, f };
}

test('drain of a queued backlog on P2', async () => {
  const json = await drain('bench-drain-json', false);
  const photos = await drain('bench-drain-photos', true);
  const mb = (n: number) => `${(n / 1_000_000).toFixed(2)} MB`;
  const section = `${START}
## Outbox drain on a 2G-like link (bench/drain-outbox.bench.ts)

Measured ${new Date().toISOString().slice(0, 10)} on this project's machine (${cpus().length} × ${cpus()[0]?.model.trim()}, Debian Chromium),
the built app and the real server on loopback behind the chaos suite's fault proxy set to profile P2 (32 KB/s each
way, 400 ± 100 ms per hop). ${ITEMS} applications queued offline, then the link comes back and "Send now" is pressed
until every application is delivered and every photo is on the server. The photo is a generated A4 page compressed by
the app (JPEG within 250 KB). Every application and photo was checked on the server: none lost, duplicated or corrupted.

| backlog | drain time | bytes up | bytes up per payload byte | JSON delivered p50 / p95 after reconnect |
| --- | ---: | ---: | ---: | ---: |
| ${ITEMS} applications, no photos | ${json.seconds.toFixed(1)} s | ${mb(json.up)} | ${json.f.bytesPerPayloadByte} | ${(json.f.drainP50Ms / 1000).toFixed(1)} s / ${(json.f.drainP95Ms / 1000).toFixed(1)} s |
| ${ITEMS} applications, one photo each | ${photos.seconds.toFixed(1)} s | ${mb(photos.up)} | ${photos.f.bytesPerPayloadByte} | ${(photos.f.drainP50Ms / 1000).toFixed(1)} s / ${(photos.f.drainP95Ms / 1000).toFixed(1)} s |

Applications travel first, in batches of up to 50, so every application has its receipt long before the photos finish
(the p50/p95 column); the photos then take the link's bandwidth. Each 64 KB tus PATCH waits for its answer before the
next starts, and the proxy adds its latency to every TCP read, so the photos use about half the link.
${END}`;
  const doc = readFileSync('docs/benchmarks.md', 'utf8');
  const next = doc.includes(START) ? doc.replace(new RegExp(`${START}[\\s\\S]*${END}`), section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync('docs/benchmarks.md', next);
  console.log(section);
});
