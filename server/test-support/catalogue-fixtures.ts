import type { ServiceEntry } from '../../src/contract/index';
import type { PublishedCatalogue } from '../storage/storage';

/** The same text in every language. */
export const text = (s: string) => ({ uz: s, 'uz-Cyrl': s, ru: s, en: s });

/** A catalogue entry with every field filled; `name` tells two versions of it apart. */
export const service = (id: string, name = id): ServiceEntry => ({
  id, category: 'family', name: text(name), aliases: [], summary: text('s'), applicants: text('a'), documents: [text('d')],
  fee: text('f'), feeBasis: { kind: 'free' }, term: text('t'), agency: text('g'), legalBasis: text('l'), automated: false,
  onBehalf: true, featured: false, formVersion: 1, formBytes: 100, provenance: { sources: ['x'], illustrative: [] },
});

/** A catalogue of one category holding `services`, as content/ publishes it. */
export const catalogue = (...services: ServiceEntry[]): PublishedCatalogue => ({ categories: [{ id: 'family', name: text('Oila') }], services });
