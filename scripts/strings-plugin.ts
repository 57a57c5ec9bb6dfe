// Vite plugin: one string file per language in the built app, from the namespace files under
// locales/<locale>/. The app loads a language all or nothing (src/services/i18n.ts), so five files
// per language only cost four more requests and five separate gzip dictionaries: one file is about
// 18% smaller gzip (ru: 12.1 KB in five files, 9.8 KB in one; docs/performance.md, B4).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { LOCALES } from '../src/contract/locales';

export const STRINGS_MODULE = 'virtual:xizmat-strings';
const RESOLVED = `\0${STRINGS_MODULE}`;
/** The emitted file's name before its hash: `assets/strings-<locale>-<hash>.json`. */
export const STRINGS_ASSET = /^strings-(.+)\.json$/;

/** The namespaces, by the files of the first language (a test holds every language to the same keys). */
export function stringNamespaces(localesDir: string): string[] {
  return readdirSync(join(localesDir, LOCALES[0])).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

/** A language's strings as the app loads them: `{ namespace: tree }`, without indentation. */
export function combinedStrings(localesDir: string, locale: string): string {
  const tree = Object.fromEntries(stringNamespaces(localesDir).map((ns) =>
    [ns, JSON.parse(readFileSync(join(localesDir, locale, `${ns}.json`), 'utf8')) as unknown]));
  return JSON.stringify(tree);
}

/**
 * `virtual:xizmat-strings` exports `namespaces` and, in the app's build, `urls`: each language's one
 * emitted file. Anywhere else (the server's renderer, the prerender, tests) `urls` is empty: those
 * bundle the namespace files in instead.
 */
export function stringsPlugin(): Plugin {
  let root = process.cwd();
  let emits = false;
  return {
    name: 'xizmat:strings',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
      emits = config.command === 'build' && !config.build.ssr;
    },
    resolveId(id) {
      return id === STRINGS_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const dir = join(root, 'locales');
      const namespaces = stringNamespaces(dir);
      if (!emits) return `export const namespaces = ${JSON.stringify(namespaces)};\nexport const urls = {};`;
      const urls = LOCALES.map((locale) => {
        for (const ns of namespaces) this.addWatchFile(join(dir, locale, `${ns}.json`));
        const ref = this.emitFile({ type: 'asset', name: `strings-${locale}.json`, source: combinedStrings(dir, locale) });
        return `${JSON.stringify(locale)}: import.meta.ROLLUP_FILE_URL_${ref}`;
      });
      return `export const namespaces = ${JSON.stringify(namespaces)};\nexport const urls = { ${urls.join(', ')} };`;
    },
  };
}
