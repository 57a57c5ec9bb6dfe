import { MAX_FORMS_PER_REQUEST, type FormBatch, type ServiceEntry } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { API_BASE } from './sync-catalogue';

/** Which services' current forms are not on this device yet. */
export async function missingForms(db: XizmatDb, services: ServiceEntry[]): Promise<ServiceEntry[]> {
  const found = await db.forms.bulkGet(services.map((s) => [s.id, s.formVersion] as [string, number]));
  return services.filter((_, i) => !found[i]);
}

/** Bytes still to download to have every one of `services`' forms (compressed, from the catalogue). */
export async function bytesToDownload(db: XizmatDb, services: ServiceEntry[]): Promise<number> {
  return (await missingForms(db, services)).reduce((sum, s) => sum + s.formBytes, 0);
}

export interface DownloadProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * Downloads the missing current forms of `services` in batches of MAX_FORMS_PER_REQUEST, storing
 * each batch as it lands: a dropped connection keeps what arrived, and a retry asks only for the rest.
 */
export async function downloadForms(
  db: XizmatDb, services: ServiceEntry[],
  options: { fetch: typeof fetch; base?: string; signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void },
): Promise<DownloadProgress> {
  const missing = await missingForms(db, services);
  const progress: DownloadProgress = { done: 0, total: missing.length, bytesDone: 0, bytesTotal: missing.reduce((s, x) => s + x.formBytes, 0) };
  options.onProgress?.({ ...progress });
  for (let i = 0; i < missing.length; i += MAX_FORMS_PER_REQUEST) {
    const batch = missing.slice(i, i + MAX_FORMS_PER_REQUEST);
    const keys = batch.map((s) => `${encodeURIComponent(s.id)}:${s.formVersion}`).join(',');
    const init: RequestInit = options.signal ? { signal: options.signal } : {};
    // Called unbound: window.fetch invoked as a method of `options` throws "Illegal invocation".
    const doFetch = options.fetch;
    const response = await doFetch(`${options.base ?? API_BASE}/forms?keys=${keys}`, init);
    if (!response.ok) throw new Error(`forms: HTTP ${response.status}`);
    const { forms } = (await response.json()) as FormBatch;
    await db.forms.bulkPut(forms);
    progress.done += batch.length;
    progress.bytesDone += batch.reduce((s, x) => s + x.formBytes, 0);
    options.onProgress?.({ ...progress });
  }
  return progress;
}
