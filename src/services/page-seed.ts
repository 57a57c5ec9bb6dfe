// Main bundle: keep imports minimal. The data a server-rendered page was drawn from.
import { PAGE_SEED_ELEMENT_ID, type PageSeed } from '../contract/page-seed';

let seed: PageSeed | null | undefined;

/**
 * The seed of the page the server rendered for a first visit (a form link, the home page), read once
 * from its JSON block; null for the app shell, which is what every visit after the first gets.
 */
export function pageSeed(): PageSeed | null {
  if (seed !== undefined) return seed;
  seed = null;
  const element = typeof document === 'undefined' ? null : document.getElementById(PAGE_SEED_ELEMENT_ID);
  if (element?.textContent) {
    try {
      seed = JSON.parse(element.textContent) as PageSeed;
    } catch {
      // A damaged block: the app draws from its own database and the network instead.
    }
  }
  return seed;
}

/** The server's renderer gives each render its seed (src/ui/render-page.tsx). */
export function setPageSeed(next: PageSeed | null): void {
  seed = next;
}

/** A form page's service and form, when this page was rendered for that service. */
export function seededForm(serviceId: string): Required<Pick<PageSeed, 'service' | 'form'>> | null {
  const { service, form } = pageSeed() ?? {};
  return service?.id === serviceId && form?.serviceId === serviceId ? { service, form } : null;
}

/** The home page's lists, when this page was rendered as the home page. */
export function seededHome(): PageSeed['home'] | null {
  return pageSeed()?.home ?? null;
}
