// The fault scenarios of docs/reliability.md, by number, against the built app and the real server.
// Every scenario fails on any lost, duplicated or corrupted application.
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { serverRows } from '../e2e/support/server-db';
import { registrationOf } from '../e2e/support/service-worker';
import { expectNoViolations } from '../e2e/support/axe';
import { ChaosRun, allFigures, serverAttempts, serverFaults } from './support/chaos-run';
import { writeChaosSummary } from './support/chaos-summary';
import { expectClean } from './support/expect-clean';
import { storedRows } from './support/server-rows';

/** Applications per scenario; the soak (CHAOS_SOAK=1) sends more. */
const N = process.env.CHAOS_SOAK ? 50 : 6;
/** Applications with photos over the 2G link: each photo is about 10 s of airtime at 32 KB/s. */
const N2G = process.env.CHAOS_SOAK ? 50 : 3;

let run: ChaosRun;
test.afterEach(async () => { await run?.stop(); });

async function totalPayload(r: ChaosRun): Promise<number> {
  const { statSync } = await import('node:fs');
  const { join } = await import('node:path');
  return r.ledger.reduce((sum, e) => sum + e.bytes + (e.photo ? statSync(join(process.env.XIZMAT_E2E_DATA!, 'uploads', e.photo)).size : 0), 0);
}

// The suite's figures, one row per scenario, printed and kept in test-results/.
test.afterAll(() => writeChaosSummary('outbox-faults', allFigures.splice(0)));

/** Queues `count` applications with the link down, so they go out together when it returns. */
async function queueOffline(r: ChaosRun, count = N) {
  r.link({ down: true });
  await r.submit(count);
  r.link({});
  r.startDrainClock();
}

test('1. baseline: applications with a photo each, sent online, are each delivered once', async () => {
  run = new ChaosRun('baseline');
  await run.start();
  run.startDrainClock();
  await run.submit(N, { photos: true });
  await run.drain();
  await expectClean(run);
});

test('3. the link drops after the server commits, before the answer arrives', async () => {
  run = new ChaosRun('reset-after-commit');
  await run.start();
  await queueOffline(run);
  await serverFaults([{ kind: 'after-commit-destroy' }]);
  await run.drain();
  await expectClean(run);
  const attempts = await serverAttempts();
  expect(attempts.length).toBeGreaterThanOrEqual(2);
});

test('3f. feedback and applications share a batch and the link drops after the commit: each stored once', async () => {
  run = new ChaosRun('feedback-reset-after-commit');
  await run.start();
  run.link({ down: true });
  await run.submit(3);
  const feedback = await run.giveFeedback(3);
  run.link({});
  await serverFaults([{ kind: 'after-commit-destroy' }]);
  run.startDrainClock();
  await run.drain();
  await expect.poll(async () => (await run.outbox()).filter((r) => feedback.includes(r.id) && r.state === 'delivered').length).toBe(3);
  await expectClean(run);
  const stored = serverRows<{ id: string; comment: string }>('SELECT id, comment FROM feedback WHERE comment LIKE ?', 'feedback-reset-after-commit %');
  expect(stored.map((r) => r.id).sort()).toEqual([...feedback].sort());
  const attempts = await serverAttempts();
  expect(attempts.length).toBeGreaterThanOrEqual(2);
  // One request carried both kinds: feedback needs no round trip of its own.
  expect(attempts.some((a) => a.ids.some((id) => feedback.includes(id)) && a.ids.some((id) => run.ledger.some((e) => e.id === id)))).toBe(true);
});

test('4. the link drops in the middle of the request body', async () => {
  run = new ChaosRun('reset-mid-body');
  await run.start();
  run.link({ down: true });
  await run.submit(N);
  run.link({ closeUpAfter: 900, faultyConnections: 2 });
  run.startDrainClock();
  await run.drain();
  await expectClean(run);
  expect(run.proxy.cuts).toBeGreaterThan(0);
});

test('4b. the link drops in the middle of photo uploads: they resume from the server offset', async () => {
  run = new ChaosRun('reset-mid-photo');
  await run.start();
  run.link({ down: true });
  await run.submit(3, { photos: true });
  run.link({ closeUpAfter: 40_000, faultyConnections: 4 });
  run.startDrainClock();
  await run.drain();
  await expectClean(run);
  expect(run.proxy.cuts).toBeGreaterThan(0);
  // Each cut costs at most the 64 KB chunk in flight, never a whole photo again.
  expect(run.proxy.bytesUp).toBeLessThan((await totalPayload(run)) * 1.1 + run.proxy.cuts * 70_000);
});

test('5. the server fails with 500 twice, then works', async () => {
  run = new ChaosRun('500-then-200');
  await run.start();
  await serverFaults([{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }]);
  await queueOffline(run);
  await run.drain();
  await expectClean(run);
});

test('6. the server commits and then answers 500', async () => {
  run = new ChaosRun('500-after-commit');
  await run.start();
  await serverFaults([{ kind: 'after-commit-500' }]);
  await queueOffline(run);
  await run.drain();
  await expectClean(run);
});

test('7. 503 with Retry-After: nothing is sent again before the server said', async () => {
  run = new ChaosRun('retry-after');
  await run.start();
  await serverFaults([{ kind: 'status', status: 503, retryAfter: '3' }]);
  await queueOffline(run, 2);
  await run.drain();
  await expectClean(run);
  const attempts = await serverAttempts();
  expect(attempts.length).toBe(2);
  expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(3_000);
});

test('8. 413: the application waits for a smaller attachment, kept, then goes once', async () => {
  run = new ChaosRun('413');
  await run.start();
  // A phone without the server's seal key queues readable items, which it can reopen to shrink; a
  // sealed one it cannot read is kept needing action (src/core/outbox/sealed-outbox.test.ts).
  await run.forgetSealKey();
  await serverFaults([{ kind: 'status', status: 413 }]);
  await queueOffline(run, 1);
  await run.drain();
  const [item] = await run.outbox();
  expect(item).toMatchObject({ state: 'needs_action', problem: { code: 'too_large' } });
  await run.page.goto('/outbox');
  await run.page.getByRole('link', { name: 'Arizani tuzatish' }).click();
  await (await import('../e2e/support/app')).continueAndSubmit(run.page);
  await run.drain(30_000, ['delivered']);
  await expectClean(run);
});

test('9. 422: the application comes back as a draft with the findings and is accepted once under the same id', async () => {
  run = new ChaosRun('422-validation');
  await run.start();
  await serverFaults([{ kind: 'reject-fields', fields: [{ field: 'applicantLastName', code: 'too_short', severity: 'error' }] }]);
  await queueOffline(run, 1);
  await run.drain();
  expect((await run.outbox())[0]?.state).toBe('needs_action');
  await run.page.goto('/outbox');
  await run.page.getByRole('link', { name: 'Arizani tuzatish' }).click();
  await expect(run.page.locator('#field-applicantLastName-error')).toHaveText('Javob juda qisqa');
  await (await import('../e2e/support/app')).continueAndSubmit(run.page);
  await run.drain(30_000, ['delivered']);
  const f = await expectClean(run);
  expect(f.deliveredOnce).toBe(1);
  const attempts = await serverAttempts();
  expect(new Set(attempts.flatMap((a) => a.ids))).toEqual(new Set([run.ledger[0]!.id]));
});

test('10. the same id with other answers is quarantined and the stored application is unchanged', async () => {
  run = new ChaosRun('422-id-reused');
  await run.start();
  await run.submit(1);
  await run.drain();
  const [entry] = run.ledger;
  // Tamper: put the delivered item back in the queue under its id with other answers.
  await run.page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('xizmat');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('outbox', 'readwrite');
    const store = tx.objectStore('outbox');
    const row = await new Promise<Record<string, unknown>>((resolve) => { const r = store.get(id); r.onsuccess = () => resolve(r.result); });
    const body = { id, serviceId: row.serviceId, formVersion: row.formVersion, finalisedAt: row.finalisedAt, answers: { tampered: true } };
    store.put({ ...row, state: 'queued', payload: { codec: 'json-v1', body: JSON.stringify(body) }, receipt: null });
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  }, entry!.id);
  await run.drain(30_000, ['quarantined']);
  expect((await run.outbox())[0]).toMatchObject({ state: 'quarantined', problem: { code: 'id_reused' } });
  const f = await run.figures();
  expect({ lost: f.lost, duplicated: f.duplicated, corrupted: f.corrupted }).toEqual({ lost: 0, duplicated: 0, corrupted: 0 });
});

test('11. 401 mid-drain blocks and keeps everything; after signing in again the queue resumes', async () => {
  run = new ChaosRun('401');
  await run.start();
  await serverFaults([{ kind: 'status', status: 401 }]);
  await queueOffline(run);
  await run.drain(30_000, ['blocked']);
  expect((await run.outbox()).every((r) => r.state === 'blocked')).toBe(true);
  await run.sendNow({ unblock: true });
  await run.drain(30_000, ['delivered']);
  await expectClean(run);
});

test('12. a captive portal answers 200 with a login page: not a delivery', async () => {
  run = new ChaosRun('captive-portal');
  await run.start();
  await serverFaults([{ kind: 'html200' }, { kind: 'html200' }]);
  await queueOffline(run);
  await run.drain();
  await expectClean(run);
  expect((await serverAttempts()).filter((a) => a.fault === 'html200')).toHaveLength(2);
});

test('13. the answer is cut short after its headers', async () => {
  run = new ChaosRun('truncated-response');
  await run.start();
  await queueOffline(run);
  run.link({ truncateDownAfter: 200, faultyConnections: 2 });
  await run.drain();
  await expectClean(run);
  expect(run.proxy.cuts).toBeGreaterThan(0);
});

test('14. a very slow server (70 s) outlasts the phone\'s 60 s timeout: no hot loop, one row', async () => {
  test.skip(!process.env.CHAOS_SOAK, 'soak only (CHAOS_SOAK=1): it waits out the real 60 s timeout');
  test.setTimeout(300_000);
  run = new ChaosRun('slow-server');
  await run.start();
  await serverFaults([{ kind: 'delay', ms: 70_000 }]);
  await queueOffline(run, 2);
  await run.drain(240_000);
  await expectClean(run);
  // The first request timed out on the phone and committed on the server; the retry got the receipt.
  expect((await serverAttempts()).length).toBeLessThanOrEqual(4);
});

test('15. a 2G-like link: slow, jittery, and resetting one connection in twenty', async () => {
  test.setTimeout(180_000);
  run = new ChaosRun('2g');
  await run.start();
  run.link({ down: true });
  // Three photos keep the default run short; the soak sends 50.
  await run.submit(N2G, { photos: true });
  // 32 KB/s: GPRS/EDGE upload speed; the photos make it minutes of work, resumed across resets.
  run.link({ latencyMs: 600, jitterMs: 300, bytesPerSecond: 32_000, resetProbability: 0.05 });
  run.startDrainClock();
  await run.drain(170_000);
  const f = await expectClean(run);
  // Resumable: a reset costs at most the chunk in flight, so the bytes sent stay near the payload.
  expect(f.bytesPerPayloadByte).toBeLessThan(1.6);
});

test('17. the tab is closed while its POST is in flight; the next start sends it', async () => {
  run = new ChaosRun('tab-closed');
  await run.start();
  run.link({ down: true });
  await run.submit(2);
  run.link({});
  await serverFaults([{ kind: 'delay', ms: 1_500 }]);
  const sending = run.sendNow().catch(() => undefined);
  await expect.poll(async () => (await serverAttempts()).length).toBe(1);
  await run.page.close();
  await sending;
  run.page = await run.context.newPage();
  await run.page.goto('/outbox');
  await run.drain();
  await expectClean(run);
});

test('18. the service worker is killed mid-request; nothing is lost or doubled', async () => {
  run = new ChaosRun('sw-killed');
  await run.start();
  run.link({ down: true });
  await run.submit(3);
  await run.page.close();
  run.link({});
  await serverFaults([{ kind: 'delay', ms: 1_500 }]);
  const page = await run.context.newPage();
  await page.goto('about:blank');
  const cdp = await run.context.newCDPSession(page);
  const registrationId = await registrationOf(cdp, run.baseURL);
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: run.baseURL, registrationId, tag: 'xizmat-outbox', lastChance: false });
  await expect.poll(async () => (await serverAttempts()).length).toBeGreaterThanOrEqual(1);
  await cdp.send('ServiceWorker.stopAllWorkers');
  run.page = await run.context.newPage();
  await run.page.goto('/outbox');
  await run.drain();
  await expectClean(run);
});

/** Long enough that the request is still held when the worker is stopped, even on a loaded machine. */
const ON_WIRE_LATENCY_MS = 8_000;
const SYNC_REFIRE_MS = 2_000;

test('18b. the service worker is killed while its request is still on the wire', async () => {
  run = new ChaosRun('sw-killed-on-wire');
  await run.start();
  run.link({ down: true });
  await run.submit(3);
  await run.page.close();
  // Counted while the link is still down (a reset connection counts nothing): any byte after this
  // is the service worker's, whichever wake-up sent it. Chromium re-fires a sync that was
  // registered again while it ran, so a sync of its own may start before ours; that is fine.
  const before = run.proxy.arrivedUp;
  // A slow link holds the request in the proxy: the server has not seen it when the worker dies.
  run.link({ latencyMs: ON_WIRE_LATENCY_MS });
  const page = await run.context.newPage();
  await page.goto('about:blank');
  const cdp = await run.context.newCDPSession(page);
  const registrationId = await registrationOf(cdp, run.baseURL);
  // Fire the sync event until the worker's request reaches the proxy (a loaded machine can be slow
  // to start the worker, and a sync event that finds the lock busy does nothing).
  let lastFired = 0;
  await expect.poll(async () => {
    if (run.proxy.arrivedUp > before) return true;
    if (Date.now() - lastFired >= SYNC_REFIRE_MS) {
      lastFired = Date.now();
      await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: run.baseURL, registrationId, tag: 'xizmat-outbox', lastChance: false }).catch(() => undefined);
    }
    return run.proxy.arrivedUp > before;
  }, { timeout: 30_000, intervals: [250] }).toBe(true);
  expect(await serverAttempts()).toHaveLength(0);
  await cdp.send('ServiceWorker.stopAllWorkers');
  run.link({});
  run.page = await run.context.newPage();
  await run.page.goto('/outbox');
  await run.drain();
  await expectClean(run);
});

test('23. two tabs and the service worker wake at once: one sender, one request per item', async () => {
  run = new ChaosRun('two-tabs');
  await run.start();
  run.link({ down: true });
  await run.submit(N);
  const second = await run.context.newPage();
  await second.goto('/outbox');
  run.link({});
  await serverFaults([{ kind: 'delay', ms: 500 }]);
  run.startDrainClock();
  await Promise.all([run.sendNow(), run.sendNow({}, second), run.context.setOffline(false)]);
  await run.drain();
  await expectClean(run);
  const attempts = await serverAttempts();
  const sends = attempts.flatMap((a) => a.ids);
  expect(sends.length, 'duplicate HTTP sends').toBe(new Set(sends).size);
});

test('25. a double tap on Submit makes one application', async () => {
  run = new ChaosRun('double-tap');
  await run.start();
  await run.page.goto('/services/birth-certificate-copy');
  const { fillBirthCertificate } = await import('../e2e/support/app');
  await fillBirthCertificate(run.page, 'Ikki-bosish');
  await run.page.getByRole('button', { name: 'Arizani yuborish' }).dblclick();
  await expect(run.page).toHaveURL(/\/outbox/);
  await expect(run.page.getByTestId('outbox-item')).toHaveCount(1);
  await expect(run.page.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  const attempts = await serverAttempts();
  expect(new Set(attempts.flatMap((a) => a.ids)).size).toBe(1);
});

test('24. the same draft open in two tabs: one edits, the other shows it without editing until it takes it over; one application', async () => {
  run = new ChaosRun('same-draft');
  await run.start();
  const { CONTINUE, SUBMIT, fillBirthCertificate } = await import('../e2e/support/app');
  const first = run.page;
  const form = (page: typeof first) => page.locator('form[data-draft-hold]');
  await first.goto('/services/birth-certificate-copy');
  await first.locator('#field-applicantLastName').fill('Birinchi');
  await expect(form(first)).toHaveAttribute('data-draft-hold', 'here');
  // The same link in a second tab opens the same draft, shown and not editable.
  const second = await run.context.newPage();
  await second.goto('/services/birth-certificate-copy');
  await expect(form(second)).toHaveAttribute('data-draft-hold', 'elsewhere');
  await expect(second.getByTestId('draft-elsewhere')).toBeVisible();
  await expect(second.locator('#field-applicantLastName')).toHaveValue('Birinchi');
  await expect(second.locator('#field-applicantLastName')).toBeDisabled();
  await expect(second.getByRole('button', { name: CONTINUE })).toBeDisabled();
  await expectNoViolations(second, 'a draft open in another tab');
  // The first goes on; then the second takes it over and reads again what the first had typed.
  await first.locator('#field-applicantFirstName').fill('Malika');
  await expect(first.getByTestId('draft-status')).not.toBeEmpty();
  await second.getByRole('button', { name: 'Shu yerda tahrirlash' }).click();
  await expect(form(first)).toHaveAttribute('data-draft-hold', 'elsewhere');
  await expect(first.locator('#field-applicantFirstName')).toBeDisabled();
  await expect(form(second)).toHaveAttribute('data-draft-hold', 'here');
  await expect(second.locator('#field-applicantFirstName')).toHaveValue('Malika');
  await fillBirthCertificate(second, 'Ikkinchi');
  await second.getByRole('button', { name: SUBMIT }).click();
  await expect(second).toHaveURL(/\/outbox/);
  await expect(second.getByTestId('outbox-item')).toHaveAttribute('data-state', 'delivered');
  // The first tab edits again once the second let the draft go; that one was sent, so it starts afresh.
  await expect(form(first)).toHaveAttribute('data-draft-hold', /here|asking/);
  await expect(first.locator('#field-applicantFirstName')).toHaveValue('');
  const ids = (await serverAttempts()).flatMap((a) => a.ids);
  expect(new Set(ids).size, 'applications sent').toBe(1);
  const rows = storedRows().filter((row) => ids.includes(row.id));
  expect(rows.map((row) => [row.answers.applicantLastName, row.answers.applicantFirstName])).toEqual([['Ikkinchi', 'Dilnoza']]);
  expect(await run.outbox(first)).toHaveLength(1);
});

test('19. the browser is killed at random moments around Submit: each application is a draft or queued, never half', async () => {
  test.setTimeout(process.env.CHAOS_SOAK ? 900_000 : 120_000);
  const kills = process.env.CHAOS_SOAK ? 100 : 4;
  run = new ChaosRun('sigkill-finalise');
  await run.start();
  run.link({ down: true });
  const saved: string[] = [];
  const seen: string[] = [];
  for (let k = 0; k < kills; k++) {
    const id = await run.fillDraft(`chaos:sigkill-finalise:${run.seed}:${k}`);
    seen.push(id);
    const submitted = run.submitInBackground(id).then((ok) => { if (ok) saved.push(id); });
    await new Promise((r) => setTimeout(r, Math.floor(run.random() * 40)));
    await run.killBrowser();
    await submitted;
    await run.restartBrowser({ offline: true });
    for (const each of seen) {
      const where = await run.whereIs(each);
      // Exactly one place: the draft (not finalised) or the outbox (finalised), never both or neither.
      expect(where.draft !== (where.outbox !== null), `${each}: ${JSON.stringify(where)} (seed ${run.seed})`).toBe(true);
    }
    for (const each of saved) expect((await run.whereIs(each)).outbox, `the app said ${each} was saved`).not.toBeNull();
  }
  console.log(`chaos sigkill-finalise: ${kills} kills, ${saved.length} saved before the kill, seed ${run.seed}`);
});

test('21. a new version upgrades the database and takes over the service worker with a full queue', async () => {
  test.setTimeout(150_000);
  const dist = process.env.XIZMAT_DIST ?? 'dist';
  const swPath = `${dist}/sw.js`;
  const original = readFileSync(swPath);
  const compressed = [`${swPath}.br`, `${swPath}.gz`].map((p) => [p, readFileSync(p)] as const);
  run = new ChaosRun('update-with-queue');
  try {
    await run.start();
    run.link({ down: true });
    await run.submit(N);
    // The new version's code opens the database one schema version up while the old page is open.
    const newer = await run.context.newPage();
    await newer.goto('/outbox');
    const upgrade = await newer.evaluate(async () => {
      // One step above whatever this build's schema is (Dexie stores version n as 10 n).
      const current = await new Promise<number>((resolve) => {
        const probe = indexedDB.open('xizmat');
        probe.onsuccess = () => { resolve(probe.result.version); probe.result.close(); };
      });
      return new Promise<string>((resolve) => {
        const request = indexedDB.open('xizmat', current + 10);
        request.onupgradeneeded = () => request.result.createObjectStore('futureTable');
        request.onblocked = () => resolve('blocked');
        request.onsuccess = () => { request.result.close(); resolve('upgraded'); };
        request.onerror = () => resolve(`error ${request.error?.name}`);
      });
    });
    expect(upgrade).toBe('upgraded');
    await newer.close();
    // ...and its service worker replaces the old one at once (the network is back to fetch it).
    run.link({});
    run.startDrainClock();
    writeFileSync(swPath, `${original.toString()}\n// chaos: new version ${Date.now()}\n`);
    compressed.forEach(([p]) => rmSync(p, { force: true }));
    // Ask for the update until the new version waits. About one run in five, Chromium's
    // registration.update() gets no answer at all and nothing installs, and neither stopping the
    // workers nor asking again ends it; a phone in that state gets the update at its next start, so
    // after STALLED_UPDATE_MS the browser is restarted on the same profile and the queue must still
    // drain once under the new version.
    const STALLED_UPDATE_MS = 20_000;
    let waiting = await newVersionWaits(run, STALLED_UPDATE_MS);
    if (waiting !== 'waiting') {
      console.log(`chaos update-with-queue: update stalled (${waiting}); restarting the browser on the same profile`);
      await run.restartBrowser();
      waiting = await newVersionWaits(run, 60_000);
    }
    expect(waiting).toBe('waiting');
    const cdp = await run.context.newCDPSession(run.page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.skipWaiting', { scopeURL: `${run.baseURL}/` });
    // The old page keeps working on the upgraded database and the queue drains once.
    expect(await run.outbox()).toHaveLength(N);
    await run.drain();
    await expectClean(run);
  } finally {
    writeFileSync(swPath, original);
    compressed.forEach(([p, bytes]) => writeFileSync(p, bytes));
  }
});

test('27. the phone runs out of space: a clear message, nothing half written, and it works once space is back', async () => {
  run = new ChaosRun('storage-full');
  test.skip(!run.useSmallDisk(48), 'needs root to mount a small RAM disk for the browser profile');
  await run.start();
  run.link({ down: true });
  await run.submit(1);
  await run.page.goto('/services/birth-certificate-copy?step=1');
  await expect(run.page.locator('#field-details')).toBeVisible();
  // Other data fills the phone to the last byte (random bytes: IndexedDB compresses anything else).
  const filled = await run.page.evaluate(async () => {
    const open = indexedDB.open('other-app-data', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('blobs');
    const db: IDBDatabase = await new Promise((resolve) => { open.onsuccess = () => resolve(open.result); });
    for (let i = 0, size = 1_000_000; size >= 1_000; i++) {
      const bytes = new Uint8Array(size);
      for (let o = 0; o < size; o += 65_536) crypto.getRandomValues(bytes.subarray(o, o + 65_536));
      const ok = await new Promise<boolean>((resolve) => {
        const tx = db.transaction('blobs', 'readwrite');
        tx.objectStore('blobs').put(bytes, i);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
      if (!ok) size = Math.floor(size / 4);
    }
    db.close();
    return (await navigator.storage.estimate()).usage;
  });
  expect(filled).toBeGreaterThan(10_000_000);
  await run.page.locator('#field-details').fill('Guvohnoma 2024-yil suv toshqinida yoʻqolgan. '.repeat(10));
  await expect(run.page.getByRole('alert')).toContainText('Telefonda joy qolmadi');
  // The application finalised before is untouched.
  expect((await run.outbox()).map((r) => r.state)).toEqual(['queued']);
  // Space comes back; the same form goes through.
  await run.page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase('other-app-data'); r.onsuccess = resolve; r.onerror = resolve; }));
  const { fillBirthCertificate } = await import('../e2e/support/app');
  await fillBirthCertificate(run.page, 'Joy-qaytdi');
  await run.page.getByRole('button', { name: 'Arizani yuborish' }).click();
  await expect(run.page.getByTestId('outbox-item')).toHaveCount(2);
  run.link({});
  await run.drain(30_000, ['delivered']);
  const f = await run.figures();
  expect({ lost: f.lost, duplicated: f.duplicated, corrupted: f.corrupted, delivered: f.deliveredOnce }).toEqual({ lost: 0, duplicated: 0, corrupted: 0, delivered: 1 });
});

test('28. the browser deletes the database with unsent applications: the person and the server are told', async () => {
  run = new ChaosRun('eviction');
  await run.start();
  run.link({ down: true });
  await run.submit(2);
  // Let the canary catch up with the queue, then evict IndexedDB as storage pressure would.
  await expect.poll(() => run.page.evaluate(() => JSON.parse(localStorage.getItem('xizmat.canary') ?? '{}').unsent)).toBe(2);
  const cdp = await run.context.newCDPSession(run.page);
  await cdp.send('Storage.clearDataForOrigin', { origin: run.baseURL, storageTypes: 'indexeddb' });
  run.link({});
  await run.page.goto('/');
  await expect(run.page.getByTestId('eviction-notice')).toContainText('Yuborilmagan 2 ta ariza yoʻqoldi');
  const { storedDeviceEvents } = await import('./support/server-rows');
  await expect.poll(() => storedDeviceEvents().filter((e) => e.unsentBefore === 2).length).toBe(1);
  await run.page.getByRole('button', { name: 'Tushundim' }).click();
  await expect(run.page.getByTestId('eviction-notice')).toHaveCount(0);
  // The loss is counted, not hidden: these two never reach the server.
  const f = await run.figures();
  expect(f.lost).toBe(2);
  allFigures.pop();
  console.log(`chaos eviction: 2 unsent applications evicted, detected on the next start and reported (seed ${run.seed})`);
});

/** Asks for a service worker update until a new version waits or `timeoutMs` passes; says where it stands. */
async function newVersionWaits(run: ChaosRun, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let where = 'not asked';
  while (Date.now() < deadline) {
    where = await run.page.evaluate(async () => {
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) return 'no registration';
      let update = 'not asked';
      if (!registration.waiting && !registration.installing) {
        update = String(await Promise.race([
          registration.update().then(() => 'asked', (error: Error) => `${error.name}: ${error.message}`), pause(5_000).then(() => 'no answer in 5 s'),
        ]));
      }
      const installing = registration.installing;
      if (installing) await Promise.race([new Promise((resolve) => installing.addEventListener('statechange', resolve)), pause(5_000)]);
      return registration.waiting ? 'waiting' : `not waiting (update: ${update}; installing: ${installing ? installing.state : 'none'})`;
    }).catch((error: Error) => `page: ${error.message}`);
    if (where === 'waiting') return where;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return where;
}
