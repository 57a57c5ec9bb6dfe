// First-visit cost of Xizmat on the real server: bytes on the wire until the phone can work offline,
// and first paint on a throttled rural 3G link (performance.md profile P1 network, CPU 4x).
// Run: npm run build && npx tsx bench/first-visit.ts  (writes docs/benchmarks.md)
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../test/e2e/support/chromium-path';
import { CuttableProxy } from '../test/e2e/support/cuttable-proxy';

const PORT = 8283;
const RUNS = 5;
/** P1 "Rural-3G" network: DevTools "3G" (400 kbit/s each way, 400 ms); CPU 4x as a mid-tier phone. */
const P1 = { latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8, cpu: 4 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

async function oneVisit(throttled: boolean): Promise<{ down: number; up: number; fcp: number; offlineReadyMs: number }> {
  const link = new CuttableProxy(PORT);
  const base = await link.start();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--disable-gpu', '--disable-quic'] });
  const page = await browser.newPage({ locale: 'uz-UZ' });
  if (throttled) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...P1 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: P1.cpu });
  }
  const started = Date.now();
  await page.goto(base);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="sync-status"][data-ready="true"]', { timeout: 120_000 });
  const offlineReadyMs = Date.now() - started;
  await page.waitForTimeout(500);
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
  await browser.close();
  await link.stop();
  return { down: link.bytesDown, up: link.bytesUp, fcp, offlineReadyMs };
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: mkdtempSync(join(tmpdir(), 'xizmat-bench-')) },
    stdio: 'ignore',
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/api/v1/catalogue`);
    const fast = [];
    const slow = [];
    for (let i = 0; i < RUNS; i++) fast.push(await oneVisit(false));
    for (let i = 0; i < RUNS; i++) slow.push(await oneVisit(true));
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const table = [
      '| figure | unthrottled | P1 network + CPU 4x |',
      '| --- | ---: | ---: |',
      `| bytes down until usable offline (HTML, JS, CSS, icons, precache, catalogue, form, SOATO list) | ${kb(median(fast.map((r) => r.down)))} | ${kb(median(slow.map((r) => r.down)))} |`,
      `| bytes up | ${kb(median(fast.map((r) => r.up)))} | ${kb(median(slow.map((r) => r.up)))} |`,
      `| first contentful paint | ${s(median(fast.map((r) => r.fcp)))} | ${s(median(slow.map((r) => r.fcp)))} |`,
      `| until ready offline (service worker controls, content stored) | ${s(median(fast.map((r) => r.offlineReadyMs)))} | ${s(median(slow.map((r) => r.offlineReadyMs)))} |`,
    ].join('\n');
    const doc = `# Benchmarks

## First visit (bench/first-visit.ts)

Measured ${new Date().toISOString().slice(0, 10)} on this project's machine (${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version},
Debian Chromium), the built app served by the real server over HTTP/1.1 on loopback through a byte-counting
proxy; median of ${RUNS} fresh profiles each. P1 network is DevTools "3G": 400 kbit/s each way, 400 ms
latency (performance.md 8); page-level throttling does not slow the service worker's own precache fetches,
so the P1 "ready offline" time is optimistic. Bytes are counted on the wire, headers included.

${table}

Budget B3 (first-visit total transfer) is 150 KB compressed. The full benchmark harness with a static
baseline and profiles P0 to P3 is issue 7.
`;
    writeFileSync('docs/benchmarks.md', doc);
    console.log(table);
  } finally {
    server.kill('SIGTERM');
  }
}

void main();
