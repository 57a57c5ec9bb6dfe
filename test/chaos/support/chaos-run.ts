import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { FORM_VERSION, SERVICE_ID, firstVisit, launchBrowser, newProfileDir } from '../../e2e/support/app';
import { cutNetwork } from '../../e2e/support/network';
import { FaultProxy, seededRandom, type LinkFaults } from './fault-proxy';
import { storedRows, type StoredRow } from './server-rows';

const SERVER_PORT = Number(process.env.XIZMAT_E2E_PORT ?? '8181');
const DIST = process.env.XIZMAT_DIST ?? 'dist';
const FAULTS_URL = `http://127.0.0.1:${SERVER_PORT}/api/v1/__test/faults`;
const CLOCK_URL = `http://127.0.0.1:${SERVER_PORT}/api/v1/__test/clock`;

/** Moves the server's clock `offsetMs` away from the real one (server/test-mode/test-clock.ts); 0 puts it back. */
export async function serverClock(offsetMs: number): Promise<void> {
  const response = await fetch(CLOCK_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs }) });
  if (!response.ok) throw new Error(`the server clock did not move: ${response.status}`);
}

/** A valid application; `tag` makes each one findable on the server and tells them apart. */
export function answersFor(tag: string): Record<string, string | boolean> {
  return {
    applicantPinfl: '31507900010013', applicantLastName: 'Karimova', applicantFirstName: 'Dilnoza',
    applicantPhone: '+998901234567', relation: 'parent', personLastName: 'Karimov', personFirstName: 'Jasur',
    birthDate: '2015-03-21', region: '1703', district: '1703202', reason: 'lost', details: tag, consent: true,
  };
}

/** How long the phone's outbox query may take to answer; far more than it ever takes when the database opens. */
const OUTBOX_ANSWER_MS = 10_000;

/** One outbox item as the phone's own store shows it; `receipt` is the server's application number once delivered. */
export interface OutboxView { id: string; state: string; problem: { code: string } | null; receipt: string | null; photosWaiting: number }

/** `savedAt`: when the app said it was saved, on this process's clock. */
export interface LedgerEntry { id: string; tag: string; answers: Record<string, string | boolean>; bytes: number; savedAt?: number; photo?: string }

export interface Figures {
  scenario: string;
  seed: number;
  attempted: number;
  deliveredOnce: number;
  lost: number;
  duplicated: number;
  corrupted: number;
  needsAction: number;
  drainP50Ms: number;
  drainP95Ms: number;
  bytesPerPayloadByte: number;
  /** Photos in the ledger, how many the server holds with matching bytes, and how many are gone. */
  photos?: number;
  photosDelivered?: number;
  photosLostOrCorrupted?: number;
}

export const allFigures: Figures[] = [];

/** The store module of the built app: the test drives the app's own code, not a copy. */
/** The dynamic entry that carries the store (src/services/load-store.ts). */
const AFTER_PAINT = 'src/services/after-paint.ts';

function storeModuleUrl(): string {
  const manifest = JSON.parse(readFileSync(`${DIST}/.vite/manifest.json`, 'utf8')) as Record<string, { file: string }>;
  // The store comes in the chunk loaded after first paint, under its own namespace (`.store`).
  const entry = manifest[AFTER_PAINT];
  if (!entry) throw new Error(`${AFTER_PAINT} not in the Vite manifest`);
  return `/${entry.file}`;
}

export async function serverFaults(faults: unknown[]): Promise<void> {
  await fetch(FAULTS_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults }) });
}

export async function serverAttempts(): Promise<{ at: number; ids: string[]; fault: string | null }[]> {
  return ((await (await fetch(FAULTS_URL)).json()) as { attempts: { at: number; ids: string[]; fault: string | null }[] }).attempts;
}

/**
 * One fault scenario: a phone (a real Chromium profile running the built app) behind a fault
 * proxy in front of the real server, a ledger of every application the app called saved, and
 * the comparison with the server's rows at the end.
 */
/** How long a restarted browser may take to open the app before the scenario fails on it. */
const RESTART_TIMEOUT_MS = 30_000;
/** How long a SIGKILLed browser may take to leave the process table. */
const PROCESS_EXIT_MS = 10_000;

/**
 * Waits until a killed process has left (or is a zombie waiting to be reaped): a browser started
 * again on the same profile while the killed one still runs finds the profile locked.
 */
export async function processGone(pid: number): Promise<void> {
  for (const start = Date.now(); Date.now() - start < PROCESS_EXIT_MS; await new Promise((resolve) => setTimeout(resolve, 50))) {
    let state: string;
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0]!;
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
  }
  throw new Error(`process ${pid} still runs ${PROCESS_EXIT_MS} ms after SIGKILL`);
}

export class ChaosRun {
  readonly seed: number;
  readonly random: () => number;
  readonly proxy: FaultProxy;
  readonly ledger: LedgerEntry[] = [];
  context!: BrowserContext;
  page!: Page;
  profile = newProfileDir();
  baseURL = '';
  private drainStartedAt = 0;
  private mounted = false;
  /** How far the server's clock was moved: its receivedAt times are that far from this process's clock. */
  private serverOffsetMs = 0;
  private readonly storeUrl = storeModuleUrl();

  /** `server`: another server than the suite's (a ServerProcess a scenario kills), by its port and data directory. */
  constructor(
    readonly scenario: string, seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000),
    readonly server: { port: number; dataDir: string } = { port: SERVER_PORT, dataDir: process.env.XIZMAT_E2E_DATA! },
  ) {
    this.seed = seed;
    this.random = seededRandom(seed);
    this.proxy = new FaultProxy(server.port, this.random);
  }

  /**
   * Puts the browser profile on a small RAM disk, so that filling it gives the real
   * QuotaExceededError a full phone gives (CDP's quota override is a no-op in Chromium 156).
   * Needs root; returns false where mounting is not allowed.
   */
  useSmallDisk(megabytes: number): boolean {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', this.profile], { stdio: 'ignore' });
      this.mounted = true;
      return true;
    } catch {
      return false;
    }
  }

  /** `persistentStorage`: the browser grants it before the first visit. `clock`: the page's clock is Playwright's, so that the test can set the phone's time (it still runs on by itself). */
  async start(options: { clock?: boolean; persistentStorage?: boolean } = {}): Promise<void> {
    await fetch(this.faultsUrl, { method: 'DELETE' });
    this.baseURL = await this.proxy.start();
    this.context = await launchBrowser(this.profile, { baseURL: this.baseURL });
    this.page = await this.context.newPage();
    if (options.persistentStorage) {
      // As Chromium decides for an installed app or a bookmarked site (Playwright has no name for it).
      const cdp = await this.context.newCDPSession(this.page);
      await cdp.send('Browser.setPermission', { origin: this.baseURL, permission: { name: 'persistent-storage' }, setting: 'granted' });
      await cdp.detach();
    }
    if (options.clock) await this.page.clock.install();
    await firstVisit(this.page);
  }

  private get faultsUrl(): string {
    return `http://127.0.0.1:${this.server.port}/api/v1/__test/faults`;
  }

  /** What this run's server recorded of each submissions request (test mode), since it started. */
  async attempts(): Promise<{ at: number; ids: string[]; fault: string | null }[]> {
    return ((await (await fetch(this.faultsUrl)).json()) as { attempts: { at: number; ids: string[]; fault: string | null }[] }).attempts;
  }

  /** Moves the server's clock; the drain times are still measured on one clock. */
  async moveServerClock(offsetMs: number): Promise<void> {
    await serverClock(offsetMs);
    this.serverOffsetMs = offsetMs;
  }

  /** SIGKILL the browser, as a phone's battery or the OOM killer would: no unload, no flush. */
  async killBrowser(pid = this.browserPid()): Promise<void> {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Killed already (a route handler may have done it at the chosen moment).
    }
    await this.context.close().catch(() => undefined);
    await processGone(pid);
  }

  /** The browser's main process: looked up ahead when the kill must land within milliseconds. */
  browserPid(): number {
    const ps = execFileSync('ps', ['-eo', 'pid=,args=']).toString().split('\n');
    const main = ps.find((line) => line.includes(`--user-data-dir=${this.profile}`) && !line.includes('--type='));
    if (!main) throw new Error('browser process not found');
    return Number(main.trim().split(/\s+/)[0]);
  }

  /**
   * Starts the browser again on the same profile. `offline`: the page sees no network either (the
   * link itself is the proxy's to cut, before this, so the service worker finds none at start).
   */
  async restartBrowser(options: { offline?: boolean } = {}): Promise<void> {
    await this.context.close().catch(() => undefined);
    this.context = await launchBrowser(this.profile, { baseURL: this.baseURL });
    // Bounded: a start that hangs fails the scenario here, by name, instead of at its timeout.
    this.context.setDefaultTimeout(RESTART_TIMEOUT_MS);
    this.context.setDefaultNavigationTimeout(RESTART_TIMEOUT_MS);
    if (options.offline) await cutNetwork(this.context);
    this.page = await this.context.newPage();
    await this.page.goto('/outbox');
  }

  /** Drops the server's seal key from the phone, as on a phone that has not synced since the server began sealing. */
  async forgetSealKey(): Promise<void> {
    await this.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => { const r = indexedDB.open('xizmat'); r.onsuccess = () => resolve(r.result); });
      const kept = () => new Promise<boolean>((resolve) => { const r = db.transaction('meta').objectStore('meta').get('sealKey'); r.onsuccess = () => resolve(r.result !== undefined); });
      // The first visit's sync may still be bringing it: wait for it, so it does not come back after.
      for (let waited = 0; !(await kept()) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise<void>((resolve) => { const tx = db.transaction('meta', 'readwrite'); tx.objectStore('meta').delete('sealKey'); tx.oncomplete = () => resolve(); });
      db.close();
    });
  }

  link(faults: LinkFaults): void {
    this.proxy.set(faults);
  }

  /** Fills and submits `count` applications through the app's store; each is in the ledger once saved. */
  async submit(count: number, options: { photos?: boolean } = {}, page = this.page): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    for (let i = 0; i < count; i++) {
      const tag = `chaos:${this.scenario}:${this.seed}:${this.ledger.length + i}`;
      const answers = answersFor(tag);
      const saved = await page.evaluate(async ({ url, service, version, answers, photoSeed }) => {
        const { store } = await import(url);
        const draft = await store.openDraft(service, version);
        for (const [field, value] of Object.entries(answers)) await store.saveAnswer(draft.id, field, value);
        let photo: string | undefined;
        if (photoSeed !== null) {
          // A document-like page: lines of "text" in varying grey, different for every application.
          const canvas = new OffscreenCanvas(1240, 1754);
          const g = canvas.getContext('2d')!;
          g.fillStyle = '#fdfdf8';
          g.fillRect(0, 0, 1240, 1754);
          let x = photoSeed * 7919 + 1;
          const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
          for (let y = 120; y < 1650; y += 34) {
            for (let c = 90; c < 1150; c += 10 + rnd() * 40) {
              g.fillStyle = `rgb(${30 + rnd() * 60},${30 + rnd() * 60},${40 + rnd() * 60})`;
              g.fillRect(c, y, 6 + rnd() * 30, 14 + rnd() * 6);
            }
          }
          const file = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
          const attached = await store.attachPhoto(draft.id, 'documentPhoto', file);
          if (!attached.ok) throw new Error(`photo not kept: ${JSON.stringify(attached)}`);
          photo = attached.ref;
        }
        const result = await store.submitDraft(draft.id, service, version);
        if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
        return { id: result.item.id as string, photo };
      }, { url: this.storeUrl, service: SERVICE_ID, version: FORM_VERSION, answers, photoSeed: options.photos ? this.photoSeed(this.ledger.length + i) : null });
      const full = saved.photo ? { ...answers, documentPhoto: saved.photo } : answers;
      const bytes = JSON.stringify({ id: saved.id, serviceId: SERVICE_ID, formVersion: FORM_VERSION, answers: full }).length;
      entries.push({ id: saved.id, tag, answers: full, bytes, savedAt: Date.now(), ...(saved.photo ? { photo: saved.photo.replace('sha256:', '') } : {}) });
    }
    this.ledger.push(...entries);
    return entries;
  }

  /**
   * A different photo for every application of every scenario, even under one CHAOS_SEED: a photo
   * the server already holds is (rightly) never sent again, which would hide the upload faults.
   */
  private photoSeed(index: number): number {
    let h = this.seed;
    for (const c of this.scenario) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
    return (h + index * 2_654_435_761) % 2_147_483_646 + 1;
  }

  /** What the phone's outbox says, through the app's own store. */
  async outbox(page = this.page): Promise<OutboxView[]> {
    return page.evaluate(async ({ url, waitMs }) => {
      const { store, appDb } = await import(url);
      return new Promise((resolve, reject) => {
        let stop: (() => void) | undefined;
        // A database the app cannot open (scenario 22) never answers: say so instead of hanging.
        const timer = setTimeout(() => { stop?.(); reject(new Error('the outbox did not answer')); }, waitMs);
        stop = appDb.watch(store.queries.outbox, (rows: { id: string; state: string; problem: { code: string } | null; receipt: { number: string } | null; attachments?: { done: boolean }[] }[]) => {
          clearTimeout(timer);
          resolve(rows.map((r) => ({ id: r.id, state: r.state, problem: r.problem, receipt: r.receipt?.number ?? null, photosWaiting: (r.attachments ?? []).filter((a) => !a.done).length })));
          queueMicrotask(() => stop?.());
        });
      });
    }, { url: this.storeUrl, waitMs: OUTBOX_ANSWER_MS }) as Promise<OutboxView[]>;
  }

  /** Rates the service `count` times through the app's store; returns the feedback ids. */
  async giveFeedback(count: number, page = this.page): Promise<string[]> {
    return page.evaluate(async ({ url, count, scenario }) => {
      const { statusStore } = await import(url);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const id = statusStore.startFeedback();
        await statusStore.sendFeedback({ id, serviceId: 'birth-certificate-copy', applicationId: null, rating: (i % 5) + 1, comment: `${scenario} ${i}` });
        ids.push(id);
      }
      return ids;
    }, { url: this.storeUrl, count, scenario: this.scenario });
  }

  async sendNow(options: { unblock?: boolean } = {}, page = this.page): Promise<void> {
    await page.evaluate(async ({ url, options }) => (await import(url)).store.sendNow(options), { url: this.storeUrl, options });
  }

  startDrainClock(): void {
    this.drainStartedAt = Date.now();
    this.proxy.bytesUp = 0;
  }

  /** Whether `id` is a draft, an outbox item, both or neither, read through the app's store. */
  async whereIs(id: string): Promise<{ draft: boolean; outbox: string | null }> {
    return this.page.evaluate(async ({ url, id }) => {
      const { appDb } = await import(url);
      return new Promise((resolve) => {
        let stop: (() => void) | undefined;
        stop = appDb.watch(
          (db: { drafts: { get(id: string): Promise<unknown> }; outbox: { get(id: string): Promise<{ state: string } | undefined> } }) =>
            Promise.all([db.drafts.get(id), db.outbox.get(id)]),
          ([draft, item]: [unknown, { state: string } | undefined]) => {
            resolve({ draft: draft !== undefined, outbox: item?.state ?? null });
            queueMicrotask(() => stop?.());
          },
        );
      });
    }, { url: this.storeUrl, id }) as Promise<{ draft: boolean; outbox: string | null }>;
  }

  /** Starts a filled draft through the app's store and returns its id, without submitting it. */
  async fillDraft(tag: string): Promise<string> {
    return this.page.evaluate(async ({ url, service, version, answers }) => {
      const { store } = await import(url);
      const draft = await store.openDraft(service, version);
      for (const [field, value] of Object.entries(answers)) await store.saveAnswer(draft.id, field, value);
      return draft.id as string;
    }, { url: this.storeUrl, service: SERVICE_ID, version: FORM_VERSION, answers: answersFor(tag) });
  }

  /** Submits a draft without waiting; resolves true if the app said "saved" before anything stopped it. */
  submitInBackground(id: string): Promise<boolean> {
    return this.page.evaluate(async ({ url, service, version, id }) => {
      const { store } = await import(url);
      const result = await store.submitDraft(id, service, version);
      return result.ok === true;
    }, { url: this.storeUrl, service: SERVICE_ID, version: FORM_VERSION, id }).catch(() => false);
  }

  /** Presses "Send now" until every ledger item has settled (delivered or needing the person). */
  async drain(timeoutMs = 60_000, settled = ['delivered', 'needs_action', 'quarantined', 'blocked']): Promise<void> {
    if (!this.drainStartedAt) this.startDrainClock();
    await expect.poll(async () => {
      await this.sendNow().catch(() => undefined);
      const rows = await this.outbox().catch(() => []);
      // Settled, and for delivered items every photo on the server too.
      return this.ledger.every((entry) => rows.some((r) => r.id === entry.id && settled.includes(r.state) && (r.state !== 'delivered' || r.photosWaiting === 0)));
    }, { timeout: timeoutMs, intervals: [250, 500, 1_000] }).toBe(true);
  }

  /** Compares the ledger with the server and the phone; prints and returns the figures. */
  async figures(): Promise<Figures> {
    const rows = storedRows(this.server.dataDir);
    const byTag = new Map<string, StoredRow[]>();
    for (const row of rows) {
      const tag = String(row.answers.details ?? '');
      if (tag.startsWith(`chaos:${this.scenario}:${this.seed}:`)) byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
    const phone = await this.outbox().catch(() => []);
    let deliveredOnce = 0, lost = 0, duplicated = 0, corrupted = 0;
    const drains: number[] = [];
    for (const entry of this.ledger) {
      const found = byTag.get(entry.tag) ?? [];
      const state = phone.find((r) => r.id === entry.id)?.state;
      if (found.length > 1) duplicated++;
      // Missing on the server is a loss unless the phone still holds it for the person to act on.
      if (found.length === 0 && !(state === 'needs_action' || state === 'quarantined' || state === 'blocked')) lost++;
      const row = found[0];
      if (row && (row.id !== entry.id || JSON.stringify(row.answers) !== JSON.stringify(sorted(entry.answers)))) corrupted++;
      if (row && found.length === 1 && row.id === entry.id) {
        deliveredOnce++;
        drains.push(Math.max(0, Date.parse(row.receivedAt) - this.serverOffsetMs - this.drainStartedAt));
      }
    }
    const photos = this.ledger.filter((e) => e.photo);
    const photoBytes = new Map(photos.map((e) => [e.photo!, uploadedHash(this.server.dataDir, e.photo!)]));
    const photosDelivered = photos.filter((e) => photoBytes.get(e.photo!) === e.photo).length;
    const payloadBytes = this.ledger.reduce((sum, e) => sum + e.bytes, 0) + photos.reduce((sum, e) => sum + uploadedSize(this.server.dataDir, e.photo!), 0);
    const sortedDrains = drains.sort((a, b) => a - b);
    const pct = (p: number) => sortedDrains.length ? sortedDrains[Math.min(sortedDrains.length - 1, Math.floor(p * sortedDrains.length))]! : 0;
    const figures: Figures = {
      scenario: this.scenario, seed: this.seed, attempted: this.ledger.length, deliveredOnce, lost, duplicated, corrupted,
      needsAction: phone.filter((r) => ['needs_action', 'quarantined', 'blocked'].includes(r.state)).length,
      drainP50Ms: pct(0.5), drainP95Ms: pct(0.95),
      bytesPerPayloadByte: payloadBytes ? Number((this.proxy.bytesUp / payloadBytes).toFixed(2)) : 0,
      photos: photos.length, photosDelivered,
      photosLostOrCorrupted: photos.filter((e) => {
        const state = phone.find((r) => r.id === e.id);
        return photoBytes.get(e.photo!) !== e.photo && !(state && state.photosWaiting > 0);
      }).length,
    };
    allFigures.push(figures);
    console.log(`chaos ${JSON.stringify(figures)}`);
    return figures;
  }

  async stop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.proxy.stop();
    if (this.mounted) execFileSync('umount', ['-l', this.profile], { stdio: 'ignore' });
    await fetch(this.faultsUrl, { method: 'DELETE' }).catch(() => undefined);
    if (this.serverOffsetMs) await serverClock(0).catch(() => undefined);
  }
}

/** SHA-256 of the file the server holds under this hash, or null when it holds none. */
function uploadedHash(dataDir: string, sha256: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(join(dataDir, 'uploads', sha256))).digest('hex');
  } catch {
    return null;
  }
}

function uploadedSize(dataDir: string, sha256: string): number {
  try { return statSync(join(dataDir, 'uploads', sha256)).size; } catch { return 0; }
}

function sorted(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
}
