/**
 * Catalogue and form text in Uzbek Cyrillic where no one wrote it by hand: for every Localized text in
 * content/catalogue.json and content/forms/*.json whose uz-Cyrl is missing or empty, writes the
 * transliteration of its uz. Hand-written Cyrillic always stays. A file is rewritten only when
 * something was filled, in one load-modify-write, keeping its key order.
 *
 *   npx tsx scripts/fill-content-cyrl.ts            fill the gaps
 *   npx tsx scripts/fill-content-cyrl.ts --check    exit 1 if any gap is left (writes nothing)
 *   npx tsx scripts/fill-content-cyrl.ts --report   also list hand-written texts that differ from the
 *                                                   transliteration, for review
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { latinToCyrillic } from '../src/core/script/latin-to-cyrillic';
import { loadScriptDictionaries } from './load-script-dictionaries';

const root = new URL('../', import.meta.url);
const { latinToCyrillic: dictionary } = loadScriptDictionaries();
const check = process.argv.includes('--check');
const report = process.argv.includes('--report');

const files = [
  new URL('content/catalogue.json', root),
  ...readdirSync(new URL('content/forms/', root)).filter((f) => f.endsWith('.json')).map((f) => new URL(`content/forms/${f}`, root)),
];

let gaps = 0;
for (const file of files) {
  const tree = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  let filled = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.uz === 'string' && 'ru' in record && 'en' in record) {
      const generated = latinToCyrillic(record.uz, dictionary);
      const hand = record['uz-Cyrl'];
      if (typeof hand !== 'string' || hand.trim() === '') {
        filled++;
        if (!check) record['uz-Cyrl'] = generated;
      } else if (report && hand !== generated) {
        console.log(`${file.pathname.split('/content/')[1]}: ${record.uz}\n  hand: ${hand}\n  rule: ${generated}`);
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(tree);
  gaps += filled;
  if (filled > 0 && !check) {
    // Key order: uz-Cyrl right after uz, as content authors write it.
    const ordered = JSON.stringify(tree, (_, value: unknown) => {
      if (value && typeof value === 'object' && !Array.isArray(value) && 'uz' in value && 'uz-Cyrl' in value) {
        const { uz, 'uz-Cyrl': cyrl, ...rest } = value as Record<string, unknown>;
        return { uz, 'uz-Cyrl': cyrl, ...rest };
      }
      return value;
    }, 2);
    writeFileSync(file, `${ordered}\n`);
    console.log(`${file.pathname.split('/content/')[1]}: filled ${filled} uz-Cyrl text(s)`);
  }
}
if (check && gaps > 0) {
  console.error(`${gaps} content text(s) have no uz-Cyrl: run npx tsx scripts/fill-content-cyrl.ts`);
  process.exit(1);
}
