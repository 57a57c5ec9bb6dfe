// Fault scenarios of docs/reliability.md where a process dies at the worst moment: the browser
// between the server's answer and the receipt written on the phone, the server mid-upload and
// mid-commit. Against the built app and a real server, counted like every chaos scenario.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Route } from '@playwright/test';
import { MAX_BATCH_ITEMS } from '../../src/contract/limits';
import { SCHEMA, SCHEMA_VERSION, indexedDbVersion } from '../../src/core/db/schema';
import { ChaosRun, allFigures, serverAttempts } from './support/chaos-run';
import { writeChaosSummary } from './support/chaos-summary';
import { expectClean } from './support/expect-clean';
import { ServerProcess } from './support/server-process';
import { storedDeviceEvents, storedRows } from './support/server-rows';

let run: ChaosRun;
test.afterEach(async () => { await run?.stop(); });
test.afterAll(() => writeChaosSummary('crash-faults', allFigures.splice(0)));

/** How long after the answer reaches the browser it may be killed: within the time the phone takes to write the receipt. */
const KILL_WITHIN_MS = 40;
/** How long the first send after the link returns may take to reach the server. */
const SEND_REACHED_MS = 30_000;
/** How often Send now is pressed until it does. */
const SEND_AGAIN_MS = 2_000;
/** How long the route's own request to the server may take: far less than SEND_REACHED_MS, so a hang is named. */
const ROUTE_FETCH_MS = 15_000;
/** How often the wait for the fault looks whether the round was stored past the route. */
const BYPASS_CHECK_MS = 250;
/** Rounds a run may lose to a sender the route could not see before the harness counts itself broken. */
const MAX_MISSED_ROUNDS = 3;

test('20. the browser is killed between the server\'s answer and the receipt written on the phone: one row, and the phone ends with the server\'s number', async () => {
  const kills = process.env.CHAOS_SOAK ? 30 : 4;
  test.setTimeout(process.env.CHAOS_SOAK ? 900_000 : 150_000);
  run = new ChaosRun('kill-at-receipt');
  await run.start();
  const outcomes: string[] = [];
  let missed = 0;
  for (let k = 0; outcomes.length < kills; k++) {
    run.link({ down: true });
    const round = (await run.submit(2)).map((e) => e.id);
    // The server answers in full (it has committed); every other time the browser dies before that
    // answer reaches it, else it gets the answer and dies 0-40 ms later, while it writes the receipt.
    const answerLost = outcomes.length % 2 === 0;
    const after = answerLost ? 0 : Math.floor(run.random() * KILL_WITHIN_MS);
    const pid = run.browserPid();
    let answered!: () => void;
    const reached = new Promise<void>((resolve) => { answered = resolve; });
    let enteredAt = 0;
    let standDown = false;
    await run.context.route('**/api/v1/submissions', async (route: Route) => {
      if (standDown) { await route.continue().catch(() => undefined); return; }
      // One request is the fault's; any other (the service worker's, at the same moment) waits for the kill.
      if (enteredAt) return;
      enteredAt = Date.now();
      try {
        const response = await route.fetch({ timeout: ROUTE_FETCH_MS });
        if (!answerLost) {
          await route.fulfill({ response }).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, after));
        }
      } finally {
        // Also when the request ended before its answer came: the phone then never had it either.
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ }
        answered();
      }
    });
    run.link({});
    const linkBack = Date.now();
    // The send is pressed until one reaches the server: a wake-up of the service worker may hold the
    // outbox at that moment, or the first press may find the items waiting out their backoff.
    const pressing = setInterval(() => void run.sendNow().catch(() => undefined), SEND_AGAIN_MS);
    void run.sendNow().catch(() => undefined);
    const outcome = await test.step(`kill ${outcomes.length + 1}: a send reaches the server`, () => faultOrBypass(reached, round, () => enteredAt > 0))
      .finally(() => clearInterval(pressing));
    if (outcome === 'bypassed') {
      // A sender the route did not see delivered the round (one suspect: a service worker Chromium
      // started a moment before the browser's interception reached it; the one CI failure here left
      // no trace to say): no fault landed, so the round is not counted, and the scenario goes on with
      // new items once that send has settled.
      missed++;
      standDown = true;
      expect(missed, `more than ${MAX_MISSED_ROUNDS} rounds delivered past the route (seed ${run.seed})`).toBeLessThanOrEqual(MAX_MISSED_ROUNDS);
      await run.context.unroute('**/api/v1/submissions');
      await run.drain();
      continue;
    }
    if (outcome === 'silent') {
      const phone = await run.outbox().catch((error: unknown) => String(error));
      const seen = (await serverAttempts()).filter((a) => a.ids.some((id) => round.includes(id)));
      throw new Error(`no send reached the server within ${SEND_REACHED_MS} ms of the link coming back; the route was ${enteredAt ? `entered after ${enteredAt - linkBack} ms and its fetch never ended` : 'never entered'}; the server saw ${JSON.stringify(seen)}; the phone holds ${JSON.stringify(phone)} (seed ${run.seed})`);
    }
    await run.killBrowser(pid).catch(() => undefined);
    outcomes.push(answerLost ? 'answer lost' : `killed ${after} ms after the answer`);
    await test.step(`kill ${outcomes.length}: the browser starts again`, () => run.restartBrowser());
    // The app sends again what it has no receipt for; the server answers with the stored one.
    await test.step(`kill ${outcomes.length}: the queue drains`, () => run.drain());
    const phone = await run.outbox();
    const rows = storedRows();
    for (const entry of run.ledger) {
      const row = rows.find((r) => r.id === entry.id);
      expect(phone.find((p) => p.id === entry.id)?.receipt, `${entry.id} after: ${outcomes.at(-1)} (seed ${run.seed})`).toBe(row?.number);
    }
  }
  await expectClean(run);
  // How many the phone had to send again because it died before it wrote the receipt.
  const sends = (await serverAttempts()).flatMap((a) => a.ids);
  const resent = run.ledger.filter((e) => sends.filter((id) => id === e.id).length > 1).length;
  console.log(`chaos kill-at-receipt: ${kills} kills (${outcomes.join('; ')}), ${resent} of ${run.ledger.length} sent again and answered with the stored receipt, ${missed} round(s) delivered past the route and not counted, seed ${run.seed}`);
});

/**
 * Waits for the fault: 'fault' when the route had a send and the browser was killed, 'bypassed'
 * when the server stored the round's items though the route never saw a request, 'silent' when
 * neither happened within SEND_REACHED_MS (the scenario then fails, saying what it found).
 */
async function faultOrBypass(reached: Promise<void>, round: string[], entered: () => boolean): Promise<'fault' | 'bypassed' | 'silent'> {
  let settled: 'fault' | null = null;
  void reached.then(() => { settled = 'fault'; });
  for (const start = Date.now(); Date.now() - start < SEND_REACHED_MS; await new Promise((resolve) => setTimeout(resolve, BYPASS_CHECK_MS))) {
    if (settled) return settled;
    if (!entered()) {
      const stored = new Set(storedRows().map((row) => row.id));
      if (round.every((id) => stored.has(id))) return 'bypassed';
    }
  }
  return settled ?? 'silent';
}

const DIST = process.env.XIZMAT_DIST ?? 'dist';
let server: ServerProcess | undefined;
test.afterEach(async () => { await server?.stop(); server = undefined; });

/** Bytes of the largest upload the server holds unfinished (`uploads/partial/<phone>/<sha256>`). */
function largestPartial(dataDir: string): number {
  const root = join(dataDir, 'uploads', 'partial');
  let largest = 0;
  for (const phone of existsSync(root) ? readdirSync(root) : []) {
    for (const name of readdirSync(join(root, phone))) {
      if (!name.endsWith('.json')) largest = Math.max(largest, statSync(join(root, phone, name)).size);
    }
  }
  return largest;
}

test('30a. the server is killed mid-upload: after its restart the photos resume from what it kept', async () => {
  test.setTimeout(150_000);
  server = new ServerProcess(DIST);
  await server.start();
  run = new ChaosRun('server-killed-mid-upload', undefined, { port: server.port, dataDir: server.dataDir });
  await run.start();
  run.link({ down: true });
  await run.submit(2, { photos: true });
  // A slow link, so that the server holds part of a photo when it dies.
  run.link({ bytesPerSecond: 48_000 });
  run.startDrainClock();
  void run.sendNow().catch(() => undefined);
  await expect.poll(() => largestPartial(server!.dataDir), { timeout: 90_000, intervals: [100] }).toBeGreaterThan(32_000);
  const kept = largestPartial(server.dataDir);
  await server.kill();
  await server.start();
  run.link({});
  await run.drain(120_000);
  const f = await expectClean(run);
  // Resumed, not begun again: what went up twice is at most the chunk in flight when it died.
  expect(f.bytesPerPayloadByte).toBeLessThan(1.3);
  console.log(`chaos server-killed-mid-upload: killed with ${kept} bytes of a photo kept; ${f.bytesPerPayloadByte} bytes up per payload byte, seed ${run.seed}`);
});

test('30b. the server is killed at random moments while it commits batches: a whole row or none, and each once after the restarts', async () => {
  test.setTimeout(process.env.CHAOS_SOAK ? 600_000 : 150_000);
  const kills = process.env.CHAOS_SOAK ? 10 : 2;
  server = new ServerProcess(DIST);
  await server.start();
  run = new ChaosRun('server-killed-mid-commit', undefined, { port: server.port, dataDir: server.dataDir });
  await run.start();
  run.link({ down: true });
  await run.submit(3 * MAX_BATCH_ITEMS);
  run.link({});
  run.startDrainClock();
  const partial: number[] = [];
  for (let k = 0; k < kills; k++) {
    void run.sendNow().catch(() => undefined);
    // The server has the batch and is storing it; it dies somewhere in there.
    await expect.poll(async () => (await run.attempts().catch(() => [])).length, { timeout: 30_000, intervals: [5] }).toBeGreaterThan(0);
    const batch = (await run.attempts())[0]!.ids;
    await new Promise((resolve) => setTimeout(resolve, Math.floor(run.random() * COMMIT_WINDOW_MS)));
    await server.kill();
    await server.start();
    const stored = new Set(storedRows(server.dataDir).map((r) => r.id));
    partial.push(batch.filter((id) => stored.has(id)).length);
  }
  await run.drain(120_000);
  await expectClean(run);
  console.log(`chaos server-killed-mid-commit: ${kills} kills; of each batch in flight the server had stored ${partial.join(', ')} of ${MAX_BATCH_ITEMS}; seed ${run.seed}`);
});

/** About how long the server takes to store a batch of 50 on this machine: the kill lands within it. */
const COMMIT_WINDOW_MS = 150;

test('22. a new version cannot upgrade the database: the app still opens, the queue is counted and sent from it as it is, and the person and the server are told', async () => {
  run = new ChaosRun('upgrade-failed');
  await run.start();
  run.link({ down: true });
  await run.submit(3);
  // A same-origin page without the app, so that nothing holds the database open.
  await run.context.route('**/api/v1/__blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await run.page.goto('/api/v1/__blank');
  // The phone as the previous build left it: the same rows, one schema version down.
  const previous = SCHEMA_VERSION - 1;
  const rewound = await run.page.evaluate(rewindDatabase, { schema: SCHEMA[previous as keyof typeof SCHEMA], version: indexedDbVersion(previous) });
  expect(rewound.outbox).toBe(3);
  // The fault: this build's migration throws, which aborts the upgrade on every start.
  await run.context.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      const request = open.call(this, name, version as number);
      if (name === 'xizmat' && version !== undefined) request.addEventListener('upgradeneeded', () => { throw new Error('chaos: the migration failed'); });
      return request;
    } as IDBFactory['open'];
  });
  await run.page.goto('/outbox');
  const notice = run.page.getByTestId('upgrade-failed-notice');
  await expect(notice).toHaveAttribute('data-waiting', '3');
  await expect(notice).toContainText('Yuborilishi kutilayotgan 3 ta arizangiz saqlangan');
  await expect(run.page.locator('h1')).toBeVisible();
  // Nothing reached the server while the link was down.
  expect(storedRows().filter((row) => run.ledger.some((e) => e.id === row.id))).toHaveLength(0);
  run.link({});
  run.startDrainClock();
  await notice.getByRole('button', { name: 'Hozir yuborish' }).click();
  await expect(notice).toHaveAttribute('data-waiting', '0');
  await expect(notice).toContainText('Yuborilishi kutilayotgan ariza yoʻq');
  await expect.poll(() => storedDeviceEvents().filter((e) => e.kind === 'storage_upgrade_failed' && e.unsentBefore === 3).length).toBe(1);
  // Still as it was: the failed upgrade changed nothing.
  expect(await run.page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'xizmat')?.version)).toBe(indexedDbVersion(previous));
  await expectClean(run);
});

/** In the page: rebuilds the app's database at `version` with `schema`'s stores (Dexie's notation), keeping every row they hold. */
async function rewindDatabase({ schema, version }: { schema: Record<string, string>; version: number }): Promise<Record<string, number>> {
  const opened = (request: IDBOpenDBRequest) => new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (request: IDBRequest) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
  const keyPath = (spec: string) => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec);
  const current = await opened(indexedDB.open('xizmat'));
  const rows: Record<string, unknown[]> = {};
  for (const name of Object.keys(schema)) {
    if (current.objectStoreNames.contains(name)) rows[name] = (await done(current.transaction(name).objectStore(name).getAll())) as unknown[];
  }
  current.close();
  await done(indexedDB.deleteDatabase('xizmat'));
  const request = indexedDB.open('xizmat', version);
  request.onupgradeneeded = () => {
    for (const [name, spec] of Object.entries(schema)) {
      const [primary, ...indexes] = spec.split(',').map((part) => part.trim()).filter(Boolean);
      const store = request.result.createObjectStore(name, { keyPath: keyPath(primary!) });
      for (const index of indexes) store.createIndex(index, keyPath(index));
    }
  };
  const old = await opened(request);
  const counts: Record<string, number> = {};
  for (const [name, list] of Object.entries(rows)) {
    const tx = old.transaction(name, 'readwrite');
    for (const row of list) tx.objectStore(name).put(row);
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    counts[name] = list.length;
  }
  old.close();
  return counts;
}
