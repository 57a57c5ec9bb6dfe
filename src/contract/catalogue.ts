import type { IdentityRule } from './citizen';
import type { FormDefinition } from './form-definition';
import type { Localized } from './locales';

/** How a service is paid for; the display text is in `ServicePassport.fee`. */
type FeeBasis =
  | { kind: 'free' }
  /** A share of the base calculation amount (BHM / БРВ), which the government revises from time to time. */
  | { kind: 'bhm'; percent: number }
  /** A fixed amount in soʻm. */
  | { kind: 'sum'; amount: number }
  /** Depends on the case (region, urgency, object); the text says how. */
  | { kind: 'varies' };

/** The passport fields a content author may mark as illustrative (not confirmed from a public source). */
export const PASSPORT_FIELDS = [
  'summary', 'applicants', 'documents', 'fee', 'term', 'agency', 'legalBasis', 'automated', 'onBehalf',
] as const;
export type PassportField = (typeof PASSPORT_FIELDS)[number];

/** What the Single Portal calls a service passport: everything a person needs before applying. */
interface ServicePassport {
  /** What the service gives. */
  summary: Localized;
  /** Who may apply. */
  applicants: Localized;
  /** Documents or details to have at hand, one per entry. */
  documents: Localized[];
  fee: Localized;
  feeBasis: FeeBasis;
  /** Processing term. */
  term: Localized;
  agency: Localized;
  /** The regulation the service rests on. */
  legalBasis: Localized;
  /** True when an information system decides without an official's manual review. */
  automated: boolean;
  /** True when someone else (a relative, a mahalla assistant, a representative) may apply for the person. */
  onBehalf: boolean;
  /**
   * Where a paid application goes (docs/payments.md): "received" (the default) to wait for an official,
   * or "in_progress" where the agency's system takes up every paid application at once. Automated
   * services complete either way.
   */
  afterPayment?: 'received' | 'in_progress';
  /**
   * "required" when only a signed-in citizen (docs/security.md, "Citizens") or an operator for a
   * resident may send the application; "optional" (the default) when the phone's device key is enough.
   */
  identity?: IdentityRule;
}

/** Where the passport's facts come from, and which of them are illustrative. */
interface ServiceProvenance {
  /** Public sources (an address or a named document) the sourced facts were taken from. */
  sources: string[];
  /** Passport fields written for this app as a realistic example, not confirmed: shown as such. */
  illustrative: PassportField[];
}

/** One public service as the catalogue lists it, with its passport. */
export interface ServiceEntry extends ServicePassport {
  /** Stable id (kebab-case); drafts and applications refer to it. */
  id: string;
  category: string;
  name: Localized;
  /** Other names people search by (Russian colloquial names, abbreviations), any script. */
  aliases: string[];
  /** The service's number on my.gov.uz where known. */
  portalId?: number;
  /** The form version new drafts start on. */
  formVersion: number;
  /** Bytes of that form version on the wire (brotli); the server fills it in, for "size before download". */
  formBytes: number;
  /** Its form comes with the catalogue on the first visit (the most needed services), not on first open. */
  featured: boolean;
  provenance: ServiceProvenance;
}

export interface CatalogueCategory {
  id: string;
  name: Localized;
}

/** content/catalogue.json as authored: no version (the server's store assigns versions) and no sizes. */
export interface CatalogueSource {
  categories: CatalogueCategory[];
  services: Array<Omit<ServiceEntry, 'formBytes'>>;
}

/** GET /api/v1/catalogue: the whole catalogue at one version, served with an ETag. */
export interface Catalogue {
  /** Changes when the server's catalogue history starts anew; versions of another epoch mean nothing. */
  epoch: string;
  /** Goes up by one with every change the server loads. */
  version: number;
  categories: CatalogueCategory[];
  services: ServiceEntry[];
}

/**
 * GET /api/v1/catalogue/changes?since=V&epoch=E: what changed after version V. When the server
 * cannot answer from V (no V, another epoch, a V it never had) it sends everything with `reset`.
 */
export interface CatalogueDelta {
  epoch: string;
  version: number;
  /** true: replace what the device holds with `services`; false: apply on top of version `since`. */
  reset: boolean;
  since: number | null;
  /** The full category list when it changed (always on reset); absent when unchanged. */
  categories?: CatalogueCategory[];
  /** Services added or changed after `since`, whole. */
  services: ServiceEntry[];
  /** Ids of services removed after `since`. */
  removed: string[];
}

/** The ETag of catalogue version `version` of `epoch`, for both the full catalogue and its deltas. */
export function catalogueEtag(epoch: string, version: number): string {
  return `"catalogue-${epoch}-${version}"`;
}

/** Most form versions one GET /api/v1/forms?keys= may ask for: a category's worth, one round trip on 2G. */
export const MAX_FORMS_PER_REQUEST = 20;

/** GET /api/v1/forms?keys=<serviceId>:<version>,…: several published form versions at once. */
export interface FormBatch {
  forms: FormDefinition[];
}

/** What a list of services shows and searches: enough for the home screen before the catalogue is on the phone. */
export type ServiceSummary = Pick<ServiceEntry, 'id' | 'category' | 'name' | 'aliases' | 'fee' | 'featured'>;

export function serviceSummary({ id, category, name, aliases, fee, featured }: ServiceSummary): ServiceSummary {
  return { id, category, name, aliases, fee, featured };
}

/** GET /api/v1/services/{id}: a service and its current form, for a form opened before the catalogue arrived. */
export interface ServicePage {
  service: ServiceEntry;
  form: FormDefinition;
}
