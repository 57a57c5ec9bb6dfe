// The Workbox control (docs/reliability.md): the scenarios of outbox-faults.spec.ts against a page that sends the same
// applications with Workbox's BackgroundSyncPlugin, the way most PWAs do (test/chaos/control/).
// The control is expected to lose applications; this spec records its figures and fails only when
// the harness breaks (no server, no service worker, a fault that never fired).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildControlApp } from './control/build-control-app';
import { ControlRun, controlFigures } from './control/control-run';
import { ServerProcess } from './support/server-process';

/** Applications per scenario: the same as the suite's short run. */
const N = 6;
/** Applications with photos over the 2G link: each photo is about 10 s of airtime at 32 KB/s. */
const N2G = 3;

let distDir: string;
let server: ServerProcess;
let run: ControlRun;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  distDir = mkdtempSync(join(tmpdir(), 'xizmat-control-app-'));
  await buildControlApp(distDir);
  server = new ServerProcess(distDir);
  await server.start();
});

test.afterEach(async () => { await run?.stop(); });

// The control's figures, one row per scenario, printed and kept in test-results/chaos-control-summary.md.
test.afterAll(async () => {
  await server?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
  const head = '| scenario | seed | attempted | delivered once | lost | duplicated | corrupted | still queued | photos delivered | drain p50 ms | drain p95 ms | photos done p50 ms | photos done p95 ms | bytes up per payload byte | application POSTs | ids sent twice |';
  const rows = controlFigures.map((f) => `| ${f.scenario} | ${f.seed} | ${f.attempted} | ${f.deliveredOnce} | ${f.lost} | ${f.duplicated} | ${f.corrupted} | ${f.needsAction} | ${f.photos ? `${f.photosDelivered}/${f.photos}` : '–'} | ${f.drainP50Ms} | ${f.drainP95Ms} | ${f.photos ? f.photosDoneP50Ms : '–'} | ${f.photos ? f.photosDoneP95Ms : '–'} | ${f.bytesPerPayloadByte} | ${f.posts} | ${f.duplicateSends} |`);
  const total = (k: 'attempted' | 'deliveredOnce' | 'lost' | 'duplicated' | 'corrupted' | 'needsAction') => controlFigures.reduce((n, f) => n + f[k], 0);
  const summary = [head, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows,
    `| **all** | | ${total('attempted')} | ${total('deliveredOnce')} | ${total('lost')} | ${total('duplicated')} | ${total('corrupted')} | ${total('needsAction')} | | | | | | | | |`].join('\n');
  console.log(`\ncontrol summary (Workbox BackgroundSyncPlugin)\n${summary}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/chaos-control-summary.md', `${summary}\n`);
});

async function begin(scenario: string): Promise<ControlRun> {
  run = new ControlRun(scenario, server);
  await run.start();
  return run;
}

/**
 * Queues `count` applications with the link down (Workbox's plugin catches each failed fetch),
 * then lines up the server's faults and brings the link back, as the suite's queueOffline does.
 */
async function queueOffline(r: ControlRun, count = N, faults: unknown[] = []): Promise<void> {
  r.link({ down: true });
  const entries = await r.submit(count);
  expect(entries.map((e) => e.outcome), 'the link was down: every request should be in the queue').toEqual(entries.map(() => 'queued'));
  if (faults.length) await r.serverFaults(faults);
  r.link({});
  r.startDrainClock();
}

/** Harness check: every fault the scenario queued on the server was used by some request. */
async function expectFaultsUsed(r: ControlRun): Promise<void> {
  const { queued } = (await (await fetch(`${r.server.origin}/api/v1/__test/faults`)).json()) as { queued: number };
  expect(queued, 'server faults left unused: the scenario did not happen').toBe(0);
}

test('1. baseline: applications with a photo each, sent online', async () => {
  const r = await begin('baseline');
  r.startDrainClock();
  const entries = await r.submit(N, { photos: true });
  expect(entries.map((e) => e.outcome)).toEqual(entries.map(() => 'sent'));
  await r.drain();
  await r.figures();
});

test('3. the link drops after the server commits, before the answer arrives', async () => {
  const r = await begin('reset-after-commit');
  await queueOffline(r, N, [{ kind: 'after-commit-destroy' }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('4. the link drops in the middle of the request body', async () => {
  const r = await begin('reset-mid-body');
  await queueOffline(r);
  // One item per request: ~1,000 bytes with headers, so the cut falls inside the body.
  r.link({ closeUpAfter: 700, faultyConnections: 2 });
  await r.drain();
  expect(r.proxy.cuts, 'the proxy cut no request').toBeGreaterThan(0);
  await r.figures();
});

test('4b. the link drops in the middle of photo uploads', async () => {
  const r = await begin('reset-mid-photo');
  r.link({ down: true });
  await r.submit(3, { photos: true });
  r.link({ closeUpAfter: 40_000, faultyConnections: 4 });
  r.startDrainClock();
  await r.drain();
  expect(r.proxy.cuts, 'the proxy cut no upload').toBeGreaterThan(0);
  await r.figures();
});

test('5. the server fails with 500 twice, then works', async () => {
  const r = await begin('500-then-200');
  await queueOffline(r, N, [{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('6. the server commits and then answers 500', async () => {
  const r = await begin('500-after-commit');
  await queueOffline(r, N, [{ kind: 'after-commit-500' }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('7. 503 with Retry-After', async () => {
  const r = await begin('retry-after');
  await queueOffline(r, 2, [{ kind: 'status', status: 503, retryAfter: '3' }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('8. 413 on the application', async () => {
  const r = await begin('413');
  await queueOffline(r, 1, [{ kind: 'status', status: 413 }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('9. 422 with field findings', async () => {
  const r = await begin('422-validation');
  await queueOffline(r, 1, [{ kind: 'reject-fields', fields: [{ field: 'applicantLastName', code: 'too_short', severity: 'error' }] }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('11. 401 mid-drain: the token expired while offline', async () => {
  const r = await begin('401');
  // The token stays expired until the person signs in again: every request meets a 401.
  await queueOffline(r, N, Array.from({ length: N }, () => ({ kind: 'status', status: 401 })));
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('12. a captive portal answers 200 with a login page', async () => {
  const r = await begin('captive-portal');
  await queueOffline(r, N, [{ kind: 'html200' }, { kind: 'html200' }]);
  await r.drain();
  await expectFaultsUsed(r);
  await r.figures();
});

test('13. the answer is cut short after its headers', async () => {
  const r = await begin('truncated-response');
  await queueOffline(r);
  r.link({ truncateDownAfter: 200, faultyConnections: 2 });
  await r.drain();
  expect(r.proxy.cuts, 'the proxy cut no answer').toBeGreaterThan(0);
  await r.figures();
});

test('15. a 2G-like link: slow, jittery, and resetting one connection in twenty', async () => {
  test.setTimeout(180_000);
  const r = await begin('2g');
  r.link({ down: true });
  // Three photos keep the default run short; the soak sends 50.
  await r.submit(N2G, { photos: true });
  // 32 KB/s: GPRS/EDGE upload speed, as in the suite.
  r.link({ latencyMs: 600, jitterMs: 300, bytesPerSecond: 32_000, resetProbability: 0.05 });
  r.startDrainClock();
  await r.drain(170_000);
  await r.figures();
});

test('18. the service worker is killed while the server handles its replay', async () => {
  const r = await begin('sw-killed');
  r.link({ down: true });
  await r.submit(3);
  await r.page.close();
  await r.serverFaults([{ kind: 'delay', ms: 1_500 }]);
  r.link({});
  r.startDrainClock();
  r.page = await r.context.newPage();
  await r.page.goto('about:blank');
  await r.dispatchSync();
  await expect.poll(async () => (await r.serverAttempts()).length).toBeGreaterThanOrEqual(1);
  await r.killServiceWorker();
  r.page = await r.openPage();
  // Quiet for longer than the server holds the killed request, so it commits before the count.
  await r.drain(60_000, 2_000);
  await r.figures();
});

test('18b. the service worker is killed while its replay is still on the wire', async () => {
  const r = await begin('sw-killed-on-the-wire');
  await queueOffline(r, 3);
  // A slow uplink holds each request in the proxy for seconds before the server sees a byte.
  r.link({ bytesPerSecond: 150 });
  await r.dispatchSync();
  // Workbox deletes the entry before its fetch (Queue.replayRequests -> shiftRequest): 3 -> 2.
  await expect.poll(async () => (await r.queued()).requests, { intervals: [50] }).toBe(2);
  await r.killServiceWorker();
  expect(await r.serverAttempts(), 'the request reached the server before the kill').toHaveLength(0);
  r.link({});
  await r.drain();
  await r.figures();
});

test('23. two tabs and two sync events at once', async () => {
  const r = await begin('two-tabs');
  // The control has no offline page shell: the second tab opens while the link is up.
  const second = await r.openPage();
  r.link({ down: true });
  await r.submit(N);
  await r.serverFaults([{ kind: 'delay', ms: 500 }]);
  r.link({});
  r.startDrainClock();
  // Two wake-ups at once, as a page's own replayRequests() next to the sync event gives (workbox #600).
  await Promise.all([r.dispatchSync(r.page), r.dispatchSync(second)]);
  await r.quiesce();
  await r.drain();
  console.log(`control two-tabs: sync events ${JSON.stringify(await r.syncs())}`);
  await r.figures();
});
