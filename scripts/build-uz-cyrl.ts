/**
 * Generates locales/uz-Cyrl/<namespace>.json from locales/uz/<namespace>.json: every text through
 * the Latin → Cyrillic transliterator, except where locales/uz-Cyrl.overrides.json holds a reviewed
 * Cyrillic text for that key. An override records the Latin it was reviewed against; when the Latin
 * changes, the override is stale and the build stops until someone reviews it again. Texts whose
 * Cyrillic does not read back to the same Latin are printed as warnings.
 *
 *   npx tsx scripts/build-uz-cyrl.ts           write locales/uz-Cyrl (part of npm run build)
 *   npx tsx scripts/build-uz-cyrl.ts --check   exit 1 when locales/uz-Cyrl is not what uz + overrides give
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cyrillicToLatin } from '../src/core/script/cyrillic-to-latin';
import { latinToCyrillic } from '../src/core/script/latin-to-cyrillic';
import { loadScriptDictionaries } from './load-script-dictionaries';

const root = new URL('../', import.meta.url);
const uzDir = new URL('locales/uz/', root);
const cyrlDir = new URL('locales/uz-Cyrl/', root);
const overridesFile = new URL('locales/uz-Cyrl.overrides.json', root);

type Tree = { [key: string]: string | Tree };
/** namespace → dotted key → the Latin it was reviewed against and the Cyrillic that wins. */
type Overrides = Record<string, Record<string, { uz: string; 'uz-Cyrl': string }>>;

interface UzCyrlBuild {
  /** file name → JSON text, for every namespace in locales/uz */
  files: Map<string, string>;
  /** stale or orphaned overrides: the build must not pass with any */
  problems: string[];
  /** generated texts that do not read back to their Latin: worth a look, not an error */
  warnings: string[];
}

function readOverrides(): Overrides {
  if (!existsSync(overridesFile)) return {};
  const { $comment: _, ...namespaces } = JSON.parse(readFileSync(overridesFile, 'utf8')) as Overrides & { $comment?: unknown };
  return namespaces as Overrides;
}

/** What locales/uz-Cyrl should hold, computed from locales/uz, the dictionaries and the overrides. */
export function buildUzCyrl(): UzCyrlBuild {
  const { latinToCyrillic: dictionary, cyrillicToLatin: reverse } = loadScriptDictionaries();
  const overrides = readOverrides();
  const files = new Map<string, string>();
  const problems: string[] = [];
  const warnings: string[] = [];
  const used = new Set<string>();

  for (const file of readdirSync(uzDir).filter((f) => f.endsWith('.json')).sort()) {
    const namespace = file.replace(/\.json$/, '');
    const own = overrides[namespace] ?? {};
    const convert = (tree: Tree, prefix: string): Tree => Object.fromEntries(Object.entries(tree).map(([key, value]) => {
      const path = prefix + key;
      if (typeof value !== 'string') return [key, convert(value, `${path}.`)];
      const override = own[path];
      if (override === undefined) {
        const cyrillic = latinToCyrillic(value, dictionary);
        const back = cyrillicToLatin(cyrillic, reverse);
        if (back !== value.normalize('NFC')) warnings.push(`${namespace}:${path}: ${cyrillic} reads back as ${back}`);
        return [key, cyrillic];
      }
      used.add(`${namespace}:${path}`);
      if (override.uz !== value) problems.push(`${namespace}:${path}: the Latin changed since its override was reviewed; review locales/uz-Cyrl.overrides.json`);
      return [key, override['uz-Cyrl']];
    }));
    const tree = JSON.parse(readFileSync(new URL(file, uzDir), 'utf8')) as Tree;
    files.set(file, `${JSON.stringify(convert(tree, ''), null, 2)}\n`);
  }
  for (const [namespace, keys] of Object.entries(overrides)) {
    for (const key of Object.keys(keys)) {
      if (!used.has(`${namespace}:${key}`)) problems.push(`${namespace}:${key}: override for a key that locales/uz no longer has`);
    }
  }
  return { files, problems, warnings };
}

/** Files in locales/uz-Cyrl that differ from the build, are missing, or have no uz namespace. */
export function staleUzCyrlFiles(build: UzCyrlBuild): string[] {
  const present = existsSync(cyrlDir) ? readdirSync(cyrlDir).filter((f) => f.endsWith('.json')) : [];
  const differing = [...build.files].filter(([file, text]) =>
    !existsSync(new URL(file, cyrlDir)) || readFileSync(new URL(file, cyrlDir), 'utf8') !== text).map(([file]) => file);
  return [...differing, ...present.filter((f) => !build.files.has(f))].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const build = buildUzCyrl();
  for (const problem of build.problems) console.error(problem);
  for (const warning of build.warnings) console.warn(`round trip: ${warning}`);
  const stale = staleUzCyrlFiles(build);
  if (process.argv.includes('--check')) {
    if (stale.length > 0) console.error(`locales/uz-Cyrl is stale (${stale.join(', ')}): run npx tsx scripts/build-uz-cyrl.ts`);
    process.exit(build.problems.length > 0 || stale.length > 0 ? 1 : 0);
  }
  if (build.problems.length > 0) process.exit(1);
  for (const [file, text] of build.files) writeFileSync(new URL(file, cyrlDir), text);
  for (const file of stale.filter((f) => !build.files.has(f))) rmSync(new URL(file, cyrlDir));
  console.log(stale.length > 0 ? `locales/uz-Cyrl: wrote ${stale.join(', ')}` : 'locales/uz-Cyrl: up to date');
}
