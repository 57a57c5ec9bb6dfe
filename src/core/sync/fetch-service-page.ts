import type { ServicePage } from '../../contract/index';
import type { XizmatDb } from '../db/xizmat-db';
import { API_BASE } from './sync-catalogue';

/** A service and its current form as kept on this phone; null while either is missing. */
export async function storedServicePage(db: XizmatDb, serviceId: string): Promise<ServicePage | null> {
  const service = await db.catalogue.get(serviceId);
  const form = service ? await db.forms.get([serviceId, service.formVersion]) : undefined;
  return service && form ? { service, form } : null;
}

/**
 * Keeps a service's current form on the phone, and the service itself until the catalogue lists it
 * (the next catalogue sync brings the whole list and replaces it): a form link opened on a phone
 * that has nothing yet leaves that form here for offline use.
 */
export async function keepServicePage(db: XizmatDb, page: ServicePage): Promise<void> {
  await db.transaction('rw', db.catalogue, db.forms, async () => {
    await db.forms.put(page.form);
    if (!(await db.catalogue.get(page.service.id))) await db.catalogue.put(page.service);
  });
}

/**
 * One try at a service and its current form from the server, kept on the phone when it arrives;
 * null when the server has no such service. Throws on a network failure or any other answer, for
 * the caller to try again.
 */
export async function fetchServicePage(
  db: XizmatDb, serviceId: string, options: { fetch: typeof fetch; base?: string; signal?: AbortSignal },
): Promise<ServicePage | null> {
  const doFetch = options.fetch;
  const response = await doFetch(`${options.base ?? API_BASE}/services/${encodeURIComponent(serviceId)}`, options.signal ? { signal: options.signal } : {});
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`service ${serviceId}: HTTP ${response.status}`);
  const page = (await response.json()) as Partial<ServicePage> | null;
  // A captive portal's page or a proxy's answer is not a form: try again rather than keep it.
  if (page?.service?.id !== serviceId || page.form?.serviceId !== serviceId || page.form.version !== page.service.formVersion) {
    throw new Error(`service ${serviceId}: not a service page`);
  }
  await keepServicePage(db, page as ServicePage);
  return page as ServicePage;
}
