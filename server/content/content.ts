import type { CatalogueCategory, FormDefinition, ServiceEntry, SoatoList } from '../../src/contract/index';

/** Everything the API serves from CONTENT_DIR, loaded and checked once at start. */
export interface Content {
  /** The catalogue as the files say it, each service with its form's size; the store gives it a version. */
  catalogue: { categories: CatalogueCategory[]; services: ServiceEntry[] };
  /** Forms by service id, then by version. Every catalogue service has at least its current version. */
  forms: Map<string, Map<number, FormDefinition>>;
  soato: SoatoList;
}

export function findForm(content: Content, serviceId: string, version: number): FormDefinition | undefined {
  return content.forms.get(serviceId)?.get(version);
}

/**
 * A service is known while any form of it exists, listed in the catalogue or not: an application
 * finalised offline against a service the catalogue has since dropped is still accepted.
 */
export function knowsService(content: Content, serviceId: string): boolean {
  return content.forms.has(serviceId);
}
