import type { Localized } from './locales';

/** One public service as the catalogue lists it (its passport grows in issue 3). */
export interface ServiceEntry {
  id: string;
  category: string;
  name: Localized;
  summary: Localized;
  agency: Localized;
  fee: Localized;
  term: Localized;
  /** The form version new drafts start on. */
  formVersion: number;
}

export interface CatalogueCategory {
  id: string;
  name: Localized;
}

/** GET /api/v1/catalogue: the whole catalogue at one version, served with an ETag. */
export interface Catalogue {
  version: number;
  categories: CatalogueCategory[];
  services: ServiceEntry[];
}
