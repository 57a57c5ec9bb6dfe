import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { FORM_VERSION, SERVICE_ID, launchBrowser, newProfileDir } from '../../e2e/support/app';
import { answersFor, type Figures, type LedgerEntry } from '../support/chaos-run';
import { FaultProxy, seededRandom, type LinkFaults } from '../support/fault-proxy';
import { storedRows, type StoredRow } from '../support/server-rows';
import { QUEUE_NAME, type ControlApi, type SubmitOutcome, type Submitted } from './app/control-api';
import type { ServerProcess } from '../support/server-process';

/** Workbox's IndexedDB names (workbox-background-sync/lib/QueueDb.ts), read to see what is still queued. */
const WORKBOX_DB = 'workbox-background-sync';
const WORKBOX_STORE = 'requests';
const SYNC_TAG = `workbox-background-sync:${QUEUE_NAME}`;
/**
 * Pause after a failed sync event before the harness fires the next one. Chromium itself waits 5
 * then 15 minutes (docs/reliability.md, "What Workbox's background sync does"); the control gets
 * the generous schedule so runs stay short.
 */
const RETRY_PAUSE_MS = 500;
/** No new POST for this long and no sync event running: the drain is over (longer with a server delay fault). */
const QUIET_MS = 1_000;
const FAULTS_PATH = '/api/v1/__test/faults';

interface ControlLedgerEntry extends LedgerEntry { outcome: SubmitOutcome; photoBytes?: number }

/**
 * The suite's figures, plus: when delivered photos were complete on the server (from the drain
 * clock; the suite's drain times are the applications'), application POSTs seen, ids sent twice.
 */
interface ControlFigures extends Figures { photosDoneP50Ms: number; photosDoneP95Ms: number; posts: number; duplicateSends: number }

export const controlFigures: ControlFigures[] = [];

type Attempt = { at: number; ids: string[]; fault: string | null };

/**
 * One fault scenario against the control: a Chromium profile running the Workbox page behind the
 * chaos suite's FaultProxy in front of the control's own server, a ledger of every application
 * the page was told was sent or queued, and the comparison with the server's rows at the end.
 * `needsAction` in its figures counts what is still in Workbox's queue, or was refused to the page.
 */
export class ControlRun {
  readonly seed: number;
  readonly random: () => number;
  readonly proxy: FaultProxy;
  readonly ledger: ControlLedgerEntry[] = [];
  context!: BrowserContext;
  page!: Page;
  profile = newProfileDir();
  baseURL = '';
  private drainStartedAt = 0;
  private readonly cdp = new Map<Page, { session: CDPSession; registrationId: string }>();

  constructor(readonly scenario: string, readonly server: ServerProcess, seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000)) {
    this.seed = seed;
    this.random = seededRandom(seed);
    this.proxy = new FaultProxy(server.port, this.random);
  }

  async start(): Promise<void> {
    await fetch(`${this.server.origin}${FAULTS_PATH}`, { method: 'DELETE' });
    this.baseURL = await this.proxy.start();
    this.context = await launchBrowser(this.profile, { baseURL: this.baseURL });
    this.page = await this.openPage();
  }

  /** A control page controlled by its service worker. */
  async openPage(): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto('/');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    return page;
  }

  link(faults: LinkFaults): void {
    this.proxy.set(faults);
  }

  async serverFaults(faults: unknown[]): Promise<void> {
    await fetch(`${this.server.origin}${FAULTS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults }) });
  }

  async serverAttempts(): Promise<Attempt[]> {
    return ((await (await fetch(`${this.server.origin}${FAULTS_PATH}`)).json()) as { attempts: Attempt[] }).attempts;
  }

  /**
   * Submits `count` applications from the page, one request each (after a request for its photo,
   * with `photos`, made from the suite's seed); all go in the ledger with what the page was told.
   */
  async submit(count: number, options: { photos?: boolean } = {}, page = this.page): Promise<ControlLedgerEntry[]> {
    const entries: ControlLedgerEntry[] = [];
    for (let i = 0; i < count; i++) {
      const tag = `chaos:${this.scenario}:${this.seed}:${this.ledger.length + i}`;
      const answers = answersFor(tag);
      // Distinct photos in every scenario: one the server holds already would not be sent at all.
      const photoSeed = options.photos ? this.seed + scenarioNumber(this.scenario) + this.ledger.length + i : null;
      const { id, outcome, photo } = await page.evaluate(
        ({ service, answers, photoSeed }) => (window as unknown as { control: ControlApi }).control.submit(service, answers, photoSeed),
        { service: SERVICE_ID, answers, photoSeed },
      ) as Submitted;
      const full = photo ? { ...answers, documentPhoto: `sha256:${photo.sha256}` } : answers;
      const bytes = JSON.stringify({ id, serviceId: SERVICE_ID, formVersion: FORM_VERSION, answers: full }).length;
      const worst = photo && photo.outcome !== 'queued' && photo.outcome !== 'sent' ? photo.outcome : outcome;
      entries.push({ id, tag, answers: full, bytes, outcome: worst, ...(photo ? { photo: photo.sha256, photoBytes: photo.bytes } : {}) });
    }
    this.ledger.push(...entries);
    return entries;
  }

  startDrainClock(): void {
    this.drainStartedAt = Date.now();
    this.proxy.bytesUp = 0;
  }

  /** Requests in Workbox's queue, and the application ids among them (read from their bodies). */
  async queued(page = this.page): Promise<{ requests: number; ids: string[] }> {
    return page.evaluate(async ({ name, store }) => {
      if (!(await indexedDB.databases()).some((d) => d.name === name)) return { requests: 0, ids: [] };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        if (!db.objectStoreNames.contains(store)) return { requests: 0, ids: [] };
        const rows = await new Promise<{ requestData: { url: string; body?: ArrayBuffer } }[]>((resolve, reject) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        });
        const ids = rows.filter((row) => row.requestData.url.endsWith('/submissions')).flatMap((row) => {
          const body = row.requestData.body ? new TextDecoder().decode(row.requestData.body) : '{}';
          return ((JSON.parse(body) as { items?: { id: string }[] }).items ?? []).map((item) => item.id);
        });
        return { requests: rows.length, ids };
      } finally {
        db.close();
      }
    }, { name: WORKBOX_DB, store: WORKBOX_STORE });
  }

  /** A CDP session on `page` and the control's service-worker registration id. */
  private async serviceWorkerDomain(page: Page): Promise<{ session: CDPSession; registrationId: string }> {
    const known = this.cdp.get(page);
    if (known) return known;
    const session = await this.context.newCDPSession(page);
    const scope = `${this.baseURL}/`;
    const registrationId = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no service-worker registration for the control')), 10_000);
      session.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
        if (found) { clearTimeout(timer); resolve(found.registrationId); }
      });
      void session.send('ServiceWorker.enable');
    });
    this.cdp.set(page, { session, registrationId });
    return { session, registrationId };
  }

  /** Stops the service worker wherever it is, as Android does to a background process. */
  async killServiceWorker(page = this.page): Promise<void> {
    await (await this.serviceWorkerDomain(page)).session.send('ServiceWorker.stopAllWorkers');
    // The killed sync event never reports its end: stop counting it as running.
    for (const open of this.context.pages()) {
      await open.evaluate(() => {
        const control = (window as unknown as { control?: ControlApi }).control;
        if (control) control.syncs.started = control.syncs.ended;
      }).catch(() => undefined);
    }
  }

  /** Fires the queue's sync event now, as Chromium does when it thinks the network is back. */
  async dispatchSync(page = this.page, lastChance = false): Promise<void> {
    const { session, registrationId } = await this.serviceWorkerDomain(page);
    await session.send('ServiceWorker.dispatchSyncEvent', { origin: this.baseURL, registrationId, tag: SYNC_TAG, lastChance });
  }

  syncs(): Promise<ControlApi['syncs']> {
    return this.page.evaluate(() => ({ ...(window as unknown as { control: ControlApi }).control.syncs }));
  }

  /** One sync event, waited for to its end; false when the replay failed or did not end in time. */
  async syncOnce(timeoutMs: number): Promise<boolean> {
    await this.idle(timeoutMs);
    const before = await this.syncs();
    await this.dispatchSync();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const now = await this.syncs();
      if (now.ended > before.ended) return now.failed === before.failed;
      await sleep(100);
    }
    return false;
  }

  /** Waits until no sync event is running (Chromium may have fired one of its own). */
  private async idle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const s = await this.syncs();
      if (s.started <= s.ended) return;
      await sleep(100);
    }
  }

  /**
   * Replays Workbox's queue until it is empty or the time is up: a sync event, and after a failed
   * one another one shortly after. Whatever is still queued at the end is counted, not failed.
   */
  async drain(timeoutMs = 60_000, quietMs = QUIET_MS): Promise<void> {
    if (!this.drainStartedAt) this.startDrainClock();
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1_000, deadline - Date.now());
    while (Date.now() < deadline) {
      // A running replay has taken its entry out of the queue already: look only between syncs.
      await this.idle(left());
      if ((await this.queued()).requests === 0) break;
      if (!(await this.syncOnce(left()))) await sleep(RETRY_PAUSE_MS);
    }
    await this.quiesce(quietMs);
  }

  /** Waits until no sync event is running and the server has seen no new POST for `quietMs`. */
  async quiesce(quietMs = QUIET_MS, timeoutMs = 15_000): Promise<void> {
    await this.idle(timeoutMs);
    const deadline = Date.now() + timeoutMs;
    let seen = (await this.serverAttempts()).length;
    while (Date.now() < deadline) {
      await sleep(quietMs);
      const now = (await this.serverAttempts()).length;
      if (now === seen) return;
      seen = now;
    }
  }

  /** Compares the ledger with the control server's rows; prints and returns the figures. */
  async figures(): Promise<ControlFigures> {
    const byTag = new Map<string, StoredRow[]>();
    for (const row of storedRows(this.server.dataDir)) {
      const tag = String(row.answers.details ?? '');
      if (tag.startsWith(`chaos:${this.scenario}:${this.seed}:`)) byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
    const queued = new Set((await this.queued().catch(() => ({ ids: [] as string[] }))).ids);
    let deliveredOnce = 0, lost = 0, duplicated = 0, corrupted = 0, needsAction = 0;
    const drains: number[] = [];
    for (const entry of this.ledger) {
      const found = byTag.get(entry.tag) ?? [];
      const waiting = queued.has(entry.id);
      if (waiting || entry.outcome.startsWith('status')) needsAction++;
      if (found.length > 1) duplicated++;
      // Missing on the server and not in Workbox's queue: nothing on the phone will ever send it.
      if (found.length === 0 && !waiting) lost++;
      const row = found[0];
      if (row && (row.id !== entry.id || JSON.stringify(row.answers) !== JSON.stringify(sorted(entry.answers)))) corrupted++;
      if (row && found.length === 1 && row.id === entry.id) {
        deliveredOnce++;
        drains.push(Math.max(0, Date.parse(row.receivedAt) - this.drainStartedAt));
      }
    }
    const sends = (await this.serverAttempts()).flatMap((a) => a.ids).filter((id) => this.ledger.some((e) => e.id === id));
    const photos = this.ledger.filter((e) => e.photo);
    const deliveredPhotos = photos.filter((e) => this.uploadedHash(e.photo!) === e.photo);
    const photosDelivered = deliveredPhotos.length;
    const photoTimes = deliveredPhotos.map((e) => Math.max(0, statSync(join(this.server.dataDir, 'uploads', e.photo!)).mtimeMs - this.drainStartedAt));
    const payloadBytes = this.ledger.reduce((sum, e) => sum + e.bytes + (e.photoBytes ?? 0), 0);
    const pct = (p: number, values = drains) => {
      const sortedValues = [...values].sort((a, b) => a - b);
      return sortedValues.length ? Math.round(sortedValues[Math.min(sortedValues.length - 1, Math.floor(p * sortedValues.length))]!) : 0;
    };
    const figures: ControlFigures = {
      scenario: this.scenario, seed: this.seed, attempted: this.ledger.length, deliveredOnce, lost, duplicated, corrupted, needsAction,
      drainP50Ms: pct(0.5), drainP95Ms: pct(0.95),
      bytesPerPayloadByte: payloadBytes ? Number((this.proxy.bytesUp / payloadBytes).toFixed(2)) : 0,
      photos: photos.length, photosDelivered, photosLostOrCorrupted: photos.length - photosDelivered,
      photosDoneP50Ms: pct(0.5, photoTimes), photosDoneP95Ms: pct(0.95, photoTimes),
      posts: sends.length, duplicateSends: sends.length - new Set(sends).size,
    };
    controlFigures.push(figures);
    console.log(`control ${JSON.stringify(figures)}`);
    return figures;
  }

  /** SHA-256 of the file the control server holds under this hash, or null when it holds none. */
  private uploadedHash(sha256: string): string | null {
    try {
      return createHash('sha256').update(readFileSync(join(this.server.dataDir, 'uploads', sha256))).digest('hex');
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.proxy.stop();
    await fetch(`${this.server.origin}${FAULTS_PATH}`, { method: 'DELETE' }).catch(() => undefined);
  }
}

/** A number per scenario name, to keep seeded photos apart between scenarios of one run. */
function scenarioNumber(scenario: string): number {
  return [...scenario].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100_003, 0) * 100;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sorted(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
}
