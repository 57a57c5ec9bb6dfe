/**
 * Builds the reviewed parallel word list (Latin, Cyrillic) that the transliteration benchmark and
 * tests use: src/core/script/benchmark/parallel-words.tsv.
 *
 * Sources, each a text written by hand in both scripts, aligned word by word where both sides have
 * the same number of words:
 * - the UI locales as last written by hand (git revision LOCALES_REVISION; uz-Cyrl is generated since);
 * - the catalogue and form files in content/;
 * - SOATO names: content/refs/soato.json and the settlements of the MIT fixture kept in
 *   content/refs/source/soato-2021.json (dcopm999/uzsoato_registry).
 * Then src/core/script/benchmark/parallel-words.review.tsv corrects or drops pairs (reviewed by hand).
 *
 *   npx tsx scripts/build-parallel-words.ts
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { canonicalLatin } from '../src/core/script/dictionary';
import { segmentText } from '../src/core/script/segment-text';

/** The last commit where locales/uz-Cyrl was written by hand. */
const LOCALES_REVISION = 'c3511de';

const root = new URL('../', import.meta.url);
const out = new URL('src/core/script/benchmark/', root);

type Source = 'locales' | 'catalogue' | 'forms' | 'soato' | 'soato-settlements';
interface Pair { latin: string; cyrillic: string; sources: Set<Source>; count: number }

/** Latin look-alikes found inside Cyrillic words of the source data, and the reverse. */
const TO_CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'һ', b: 'ь' };
const TO_LATIN: Record<string, string> = Object.fromEntries(Object.entries(TO_CYRILLIC).map(([l, c]) => [c, l]));

const words = (text: string) => segmentText(text.normalize('NFC')).filter((s) => s.kind === 'word').map((s) => s.text);

function latinWord(word: string): string | undefined {
  const w = canonicalLatin(word).replace(/[а-яё]/g, (ch) => TO_LATIN[ch] ?? ch);
  return /^[a-zʻʼ]+$/.test(w) && /[a-z].*[a-z]/.test(w) ? w : undefined;
}

function cyrillicWord(word: string): string | undefined {
  const w = word.normalize('NFC').toLowerCase().replace(/[a-z]/g, (ch) => TO_CYRILLIC[ch] ?? ch);
  return /^[а-яёўқғҳ]+$/.test(w) && w.length > 1 ? w : undefined;
}

const pairs = new Map<string, Pair>();
const skipped: string[] = [];

function addText(latin: string, cyrillic: string, source: Source): void {
  const l = words(latin);
  const c = words(cyrillic);
  if (l.length !== c.length) { skipped.push(`${source}: ${latin} | ${cyrillic}`); return; }
  l.forEach((lw, i) => {
    const a = latinWord(lw);
    const b = cyrillicWord(c[i]!);
    if (a === undefined || b === undefined) return;
    const key = `${a}\t${b}`;
    const pair = pairs.get(key) ?? { latin: a, cyrillic: b, sources: new Set(), count: 0 };
    pair.sources.add(source);
    pair.count++;
    pairs.set(key, pair);
  });
}

/** Every object with both uz and uz-Cyrl texts, anywhere in a content file. */
function addLocalized(node: unknown, source: Source): void {
  if (Array.isArray(node)) { node.forEach((n) => addLocalized(n, source)); return; }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.uz === 'string' && typeof record['uz-Cyrl'] === 'string') addText(record.uz, record['uz-Cyrl'], source);
  Object.values(record).forEach((v) => addLocalized(v, source));
}

function addLocales(): void {
  const git = (path: string) => execFileSync('git', ['show', `${LOCALES_REVISION}:${path}`], { cwd: root, encoding: 'utf8' });
  const files = execFileSync('git', ['ls-tree', '--name-only', `${LOCALES_REVISION}`, 'locales/uz/'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of files) {
    const uz = JSON.parse(git(file));
    const cyrl = JSON.parse(git(file.replace('locales/uz/', 'locales/uz-Cyrl/')));
    const walk = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(a)) {
        if (typeof v === 'string' && typeof b[k] === 'string') addText(v, b[k] as string, 'locales');
        else if (v && typeof v === 'object' && b[k] && typeof b[k] === 'object') walk(v as Record<string, unknown>, b[k] as Record<string, unknown>);
      }
    };
    walk(uz, cyrl);
  }
}

function addSoatoFixture(): void {
  const path = new URL('content/refs/source/soato-2021.json', root);
  const rows = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as { model: string; fields: { name: string; name_cyr: string } }[];
  for (const row of rows) if (row.model === 'soato.city') addText(row.fields.name, row.fields.name_cyr, 'soato-settlements');
}

addLocales();
addLocalized(JSON.parse(readFileSync(new URL('content/catalogue.json', root), 'utf8')), 'catalogue');
for (const file of readdirSync(new URL('content/forms/', root))) {
  addLocalized(JSON.parse(readFileSync(new URL(`content/forms/${file}`, root), 'utf8')), 'forms');
}
addLocalized(JSON.parse(readFileSync(new URL('content/refs/soato.json', root), 'utf8')), 'soato');
addSoatoFixture();

// The review: `latin <tab> cyrillic <tab> fix|fix-latin|drop <tab> the corrected side <tab> reason`.
const review = readFileSync(new URL('parallel-words.review.tsv', out), 'utf8').split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#')).map((line) => line.split('\t'));
const applied = new Set<string>();
for (const [latin, cyrillic, verdict, corrected] of review) {
  const key = `${latin}\t${cyrillic}`;
  const pair = pairs.get(key);
  if (!pair) continue; // the source was fixed since
  applied.add(key);
  pairs.delete(key);
  if (verdict === 'fix' || verdict === 'fix-latin') {
    const fixed = verdict === 'fix' ? { latin: latin!, cyrillic: corrected! } : { latin: corrected!, cyrillic: cyrillic! };
    const fixedKey = `${fixed.latin}\t${fixed.cyrillic}`;
    const existing = pairs.get(fixedKey);
    if (existing) { pair.sources.forEach((s) => existing.sources.add(s)); existing.count += pair.count; }
    else pairs.set(fixedKey, { ...pair, ...fixed });
  } else if (verdict !== 'drop') {
    throw new Error(`review verdict must be fix, fix-latin or drop: ${key}`);
  }
}

/** Half the words, chosen by a hash of the Latin word, are held out: never used to tune the rules. */
const split = (latin: string) => (createHash('sha256').update(latin).digest()[0]! % 2 === 0 ? 'dev' : 'test');

const lines = [...pairs.values()]
  .sort((a, b) => a.latin.localeCompare(b.latin, 'en') || a.cyrillic.localeCompare(b.cyrillic, 'ru'))
  .map((p) => [p.latin, p.cyrillic, split(p.latin), [...p.sources].sort().join(','), p.count].join('\t'));
writeFileSync(new URL('parallel-words.tsv', out), `${['latin', 'cyrillic', 'split', 'sources', 'count'].join('\t')}\n${lines.join('\n')}\n`);
console.log(`${lines.length} pairs; ${applied.size} reviewed; ${skipped.length} texts not aligned`);
if (process.argv.includes('--skipped')) console.log(skipped.join('\n'));
