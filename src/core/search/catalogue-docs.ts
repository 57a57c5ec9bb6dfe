import { LOCALES, type ServiceEntry } from '../../contract/index';
import type { SearchDoc } from './search-index';

/** A service as the search index sees it: its name in every locale, then its aliases. */
export function toSearchDoc(service: Pick<ServiceEntry, 'id' | 'name' | 'aliases'>): SearchDoc {
  return { id: service.id, terms: [...LOCALES.map((locale) => service.name[locale]), ...(service.aliases ?? [])] };
}
