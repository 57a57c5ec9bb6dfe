// Loaded after first paint, with the store. When this build cannot upgrade the phone's database (a
// migration that throws, the disk full mid-upgrade), the page still sends what waits in it.
import { openSyncDb, type OpenSyncDb } from '../core/db/open-sync-db';
import { sendUpgradeFailure, upgradeFailureReport, waitingApplications, type UpgradeFailureRecord } from '../core/device/upgrade-failure';
import { flushOutbox } from '../core/outbox/flush-outbox';
import { setUpgradeFailure } from './upgrade-failure-signal';

/**
 * WARNING: persistence key (localStorage, outside the database that failed): the report of the
 * failed upgrade, so that every start sends the same one until the server has it.
 */
const REPORT_KEY = 'xizmat.upgradeFailure';
/** Try what waits this often while the app is open, as the store's own timer does. */
const SEND_TIMER_MS = 30_000;

/**
 * Opens the database as it is (openSyncDb's older-schema mode), tells the person how many
 * applications wait and the server that the upgrade failed, and sends the queue on start, when the
 * network returns, on a timer and on the notice's button. Every start tries the upgrade again first.
 * Like the service worker, it holds the database only while it works: an upgrade tried meanwhile
 * (by another tab, or Dexie opening again) is never blocked by it.
 */
export async function startUpgradeFallback(): Promise<void> {
  // What waited when the failure was found, before anything of it is sent.
  const found = await withDb(async (db) => {
    writeRecord(await upgradeFailureReport(db, readRecord(), new Date()));
    return waitingApplications(db);
  });
  if (found === null) {
    setUpgradeFailure({ reachable: false, waiting: 0 });
    return;
  }
  // The button sends at once, as the outbox's Send now does; the app's own wake-ups respect each item's wait.
  const send = async (force: boolean): Promise<void> => {
    const waiting = await withDb(async (db) => {
      if (navigator.onLine) await flushOutbox(db, { force }).catch(() => undefined);
      return waitingApplications(db);
    });
    if (navigator.onLine) await report();
    setUpgradeFailure({ reachable: true, waiting: waiting ?? found, sendNow: () => send(true) });
  };
  setUpgradeFailure({ reachable: true, waiting: found, sendNow: () => send(true) });
  void send(false);
  window.addEventListener('online', () => void send(false));
  window.setInterval(() => { if (document.visibilityState === 'visible') void send(false); }, SEND_TIMER_MS);
}

/** Runs `work` on the database as it is, then lets go of it; null when it cannot be opened. */
async function withDb<T>(work: (db: OpenSyncDb) => Promise<T>): Promise<T | null> {
  const db = await openSyncDb(indexedDB, { olderSchema: true }).catch(() => null);
  if (!db) return null;
  try {
    return await work(db);
  } catch {
    return null;
  } finally {
    db.close();
  }
}

async function report(): Promise<void> {
  const record = readRecord();
  if (record && !record.reported && await sendUpgradeFailure(record)) writeRecord({ ...record, reported: true });
}

/** The upgrade worked: a later failure is a new one, reported afresh. */
export function forgetUpgradeFailure(): void {
  try { localStorage.removeItem(REPORT_KEY); } catch { /* nothing kept */ }
}

function readRecord(): UpgradeFailureRecord | null {
  try {
    return JSON.parse(localStorage.getItem(REPORT_KEY) ?? 'null') as UpgradeFailureRecord | null;
  } catch {
    return null;
  }
}

function writeRecord(record: UpgradeFailureRecord): void {
  try { localStorage.setItem(REPORT_KEY, JSON.stringify(record)); } catch { /* storage blocked: the report is sent again next time */ }
}
