import type { CatalogueCategory, ServiceEntry, ServiceSummary } from './catalogue';
import type { FormDefinition } from './form-definition';
import type { Locale } from './locales';

/**
 * The data a page rendered by the server was drawn from, sent inside that page (a JSON block the
 * browser never runs). The app draws its first screen from the same data, so it takes over the
 * server's HTML without a flash and without waiting for its own database or the network.
 */
export interface PageSeed {
  /** The path the server rendered, without the query. */
  path: string;
  /** The language it rendered in, negotiated from Accept-Language. */
  locale: Locale;
  /** A form page: the service and its current form (kept on the phone on takeover). */
  service?: ServiceEntry;
  form?: FormDefinition;
  /** The home page: what its lists show. */
  home?: { categories: CatalogueCategory[]; services: ServiceSummary[] };
}

/** The id of the `<script type="application/json">` element that carries the seed. */
export const PAGE_SEED_ELEMENT_ID = 'page-seed';

/** What the server's page renderer (a build of src/ui/render-page.tsx) exports. */
export interface PageRenderer {
  /** The app's HTML for the seed's path and language: what goes inside the app's root element. */
  renderPage(seed: PageSeed): Promise<string>;
}

/**
 * The seed as the text of a JSON block inside HTML: `<` is escaped so no string in the content can
 * close the element, and U+2028/9 so the text stays valid wherever it is read as script source.
 */
export function seedToHtmlText(seed: PageSeed): string {
  return JSON.stringify(seed).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Markers the build writes into index.html around the parts a server-rendered page replaces: the
 * app's root element (with the prerendered home inside) and the preloads of the language's strings.
 */
export const SHELL_MARKERS = {
  appOpen: '<div id="app">',
  appClose: '</div><!--/app-->',
  preloadsOpen: '<!--preloads-->',
  preloadsClose: '<!--/preloads-->',
} as const;

/** Where the build records each language's string file (under the built app, never served). */
export const STRING_FILES_RECORD = '.vite/strings.json';
/** Each language's string file, as a one-item list of paths under the built app (`assets/strings-uz-….json`). */
export type StringFiles = Record<Locale, string[]>;

/** The tag that starts a string file's download with the page: the app fetches it at once on start. */
export function stringPreloadTag(file: string): string {
  return `<link rel="preload" as="fetch" crossorigin href="/${file}">`;
}
