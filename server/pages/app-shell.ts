import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, SHELL_MARKERS, STRING_FILES_RECORD, stringPreloadTag, type Locale, type StringFiles } from '../../src/contract/index';

/** One chunk of Vite's build manifest (dist/.vite/manifest.json). */
interface ManifestChunk { file: string; imports?: string[]; isEntry?: boolean }

/** The built index.html cut where a rendered page goes, and the build's chunks by source module. */
export interface AppShell {
  /** index.html up to the language's preloads, between them and the app, and after the app. */
  beforePreloads: string;
  beforeApp: string;
  afterApp: string;
  /** The preload tags of every string file of `locale`. */
  stringPreloads(locale: Locale): string;
  /** The tags for a lazily loaded module (its chunk and its static imports) beyond what the entry loads. */
  modulePreloads(source: string): string;
}

/**
 * Reads the shell the build wrote (with the markers scripts/prerender.ts puts around the app and the
 * string preloads, and its record of each language's string files); null when the app is not built
 * or was built without them.
 */
export function readAppShell(distDir: string): AppShell | null {
  const indexFile = join(distDir, 'index.html');
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  const stringsFile = join(distDir, STRING_FILES_RECORD);
  if (![indexFile, manifestFile, stringsFile].every((file) => existsSync(file))) return null;
  const html = readFileSync(indexFile, 'utf8');
  const at = Object.fromEntries(Object.entries(SHELL_MARKERS).map(([name, marker]) => [name, html.indexOf(marker)])) as Record<keyof typeof SHELL_MARKERS, number>;
  if (Object.values(at).some((index) => index < 0)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const closure = (key: string, into = new Set<string>()) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, into);
    return into;
  };
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  const loadedByEntry = entry ? closure(entry) : new Set<string>();
  const links = (files: Iterable<string>) => [...files].map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
  const stringFiles = JSON.parse(readFileSync(stringsFile, 'utf8')) as StringFiles;
  const strings = new Map(LOCALES.map((locale) => [locale, (stringFiles[locale] ?? []).map(stringPreloadTag).join('')]));
  return {
    beforePreloads: html.slice(0, at.preloadsOpen + SHELL_MARKERS.preloadsOpen.length),
    beforeApp: html.slice(at.preloadsClose, at.appOpen + SHELL_MARKERS.appOpen.length),
    afterApp: html.slice(at.appClose),
    stringPreloads: (locale) => strings.get(locale)!,
    modulePreloads: (source) => links([...closure(source)].filter((file) => !loadedByEntry.has(file))),
  };
}
