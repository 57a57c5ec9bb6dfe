import { useEffect, useRef, useState } from 'preact/hooks';
import type { ServicePage } from '../contract/index';
import { retryDelay } from '../core/outbox/retry-delay';
import { loadCatalogueStore } from '../services/load-catalogue-store';
import { seededForm } from '../services/page-seed';

/** The first retry of a form download comes soon: a person is looking at the screen. */
const FIRST_RETRY_MS = 1_000;
/** Retries stay this close together while the screen is open; the network returns in short windows. */
const MAX_RETRY_MS = 15_000;

/** Where a form opened by its link stands. */
export type FormPageState =
  | { kind: 'ready'; page: ServicePage }
  /** Downloading; `failures` tries have failed so far, and the next starts after `retryInMs`. */
  | { kind: 'loading'; failures: number; retryInMs: number | null }
  /** No network, and the form is not on the phone: it downloads as soon as the network returns. */
  | { kind: 'offline' }
  /** The server has no such service. */
  | { kind: 'missing' };

/**
 * A service and its current form for the form screen: the server-rendered page's own when this
 * page came with them (kept on the phone at once), else the phone's, else downloaded now, with
 * retries and backoff while a network exists. "Not on this phone" is said only when offline.
 */
export function useFormPage(serviceId: string): { state: FormPageState; retryNow: () => void } {
  const [state, setState] = useState<FormPageState>(() => {
    const seeded = seededForm(serviceId);
    return seeded ? { kind: 'ready', page: seeded } : { kind: 'loading', failures: 0, retryInMs: null };
  });
  const wake = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    const controller = new AbortController();
    /** Resolves after `ms` (never, when null), or at once when the person asks or the network returns. */
    const pause = (ms: number | null) => new Promise<void>((resolve) => {
      const timer = ms === null ? undefined : window.setTimeout(done, ms);
      function done() {
        window.clearTimeout(timer);
        window.removeEventListener('online', done);
        resolve();
      }
      window.addEventListener('online', done);
      wake.current = done;
    });

    void (async () => {
      const store = await loadCatalogueStore();
      const seeded = seededForm(serviceId);
      if (seeded) {
        await store.keepSeededPage(seeded).catch(() => undefined);
        return;
      }
      const stored = await store.servicePage(serviceId).catch(() => null);
      if (stored) {
        if (!stopped) setState({ kind: 'ready', page: stored });
        return;
      }
      for (let failures = 0; !stopped;) {
        if (!navigator.onLine) {
          setState({ kind: 'offline' });
          await pause(null);
          continue;
        }
        try {
          const page = await store.downloadServicePage(serviceId, controller.signal);
          if (!stopped) setState(page ? { kind: 'ready', page } : { kind: 'missing' });
          return;
        } catch {
          if (stopped) return;
        }
        failures++;
        const retryInMs = retryDelay(failures, Math.random, FIRST_RETRY_MS, MAX_RETRY_MS);
        setState({ kind: 'loading', failures, retryInMs });
        await pause(retryInMs);
        if (!stopped) setState({ kind: 'loading', failures, retryInMs: null });
      }
    })();
    return () => {
      stopped = true;
      controller.abort();
      wake.current();
    };
  }, [serviceId]);

  return { state, retryNow: () => wake.current() };
}
