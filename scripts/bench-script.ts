/**
 * Word accuracy of the transliterator in both directions, for three dictionaries (rules only, rules
 * and the UzTransliterator seed, and what ships: every dictionary scripts/load-script-dictionaries.ts
 * loads), on the reviewed parallel word list (src/core/script/benchmark/parallel-words.tsv) and on the
 * running-text evaluation (scripts/build-script-eval.ts; docs/script.md, "The running-text evaluation").
 *
 *   npx tsx scripts/bench-script.ts            print the tables (Markdown)
 *   npx tsx scripts/bench-script.ts --errors   also list the dev-half errors of what ships, and the
 *                                              most frequent ones of its running text's dev half
 *   npx tsx scripts/bench-script.ts --write    replace the script section of docs/benchmarks.md
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cyrillicToLatin } from '../src/core/script/cyrillic-to-latin';
import { EMPTY_DICTIONARY, parseDictionary, type Dictionary } from '../src/core/script/dictionary';
import { latinToCyrillic } from '../src/core/script/latin-to-cyrillic';
import { loadScriptDictionaries } from './load-script-dictionaries';
import { isHeldOut, parseSegments, scoreRunningText, type RunningScore, type Segment } from './running-text-score';

const root = new URL('../', import.meta.url);
const dictionaryDir = new URL('src/core/script/dictionary/', root);
const read = (file: string) => readFileSync(new URL(file, dictionaryDir), 'utf8');

interface WordPair { latin: string; cyrillic: string; split: 'dev' | 'test'; sources: string }

export function readWordPairs(): WordPair[] {
  const text = readFileSync(new URL('src/core/script/benchmark/parallel-words.tsv', root), 'utf8');
  return text.trim().split('\n').slice(1).map((line) => {
    const [latin, cyrillic, split, sources] = line.split('\t');
    return { latin: latin!, cyrillic: cyrillic!, split: split as 'dev' | 'test', sources: sources! };
  });
}

interface Setup { name: string; toCyrillic: Dictionary; toLatin: Dictionary }

export function setups(): Setup[] {
  const seedCyr = parseDictionary(read('uztransliterator-latin-cyrillic.csv'), true);
  const seedLat = parseDictionary(read('uztransliterator-cyrillic-latin.csv'), false);
  const ships = loadScriptDictionaries();
  return [
    { name: 'rules only', toCyrillic: EMPTY_DICTIONARY, toLatin: EMPTY_DICTIONARY },
    { name: 'rules + UzTransliterator seed', toCyrillic: seedCyr, toLatin: seedLat },
    { name: 'rules + every dictionary (ships)', toCyrillic: ships.latinToCyrillic, toLatin: ships.cyrillicToLatin },
  ];
}

interface Score { correct: number; total: number; errors: { pair: WordPair; got: string }[] }

export function score(pairs: WordPair[], convert: (p: WordPair) => string, expected: (p: WordPair) => string): Score {
  const errors = pairs.map((pair) => ({ pair, got: convert(pair) })).filter(({ pair, got }) => got !== expected(pair));
  return { correct: pairs.length - errors.length, total: pairs.length, errors };
}

export function toCyrillicScore(pairs: WordPair[], dictionary: Dictionary): Score {
  return score(pairs, (p) => latinToCyrillic(p.latin, dictionary), (p) => p.cyrillic);
}

export function toLatinScore(pairs: WordPair[], dictionary: Dictionary): Score {
  return score(pairs, (p) => cyrillicToLatin(p.cyrillic, dictionary), (p) => p.latin);
}

const pct = (s: Score) => `${((100 * s.correct) / s.total).toFixed(2)}% (${s.total - s.correct} wrong of ${s.total})`;

function table(): string {
  const pairs = readWordPairs();
  const dev = pairs.filter((p) => p.split === 'dev');
  const test = pairs.filter((p) => p.split === 'test');
  const rows = setups().flatMap((s) => [
    `| ${s.name} | Latin → Cyrillic | ${pct(toCyrillicScore(pairs, s.toCyrillic))} | ${pct(toCyrillicScore(test, s.toCyrillic))} |`,
    `| ${s.name} | Cyrillic → Latin | ${pct(toLatinScore(pairs, s.toLatin))} | ${pct(toLatinScore(test, s.toLatin))} |`,
  ]);
  // How hard Russian loans are for rules alone: the seed's own words, each converted without it.
  const seed = [...parseDictionary(read('uztransliterator-latin-cyrillic.csv'), true)]
    .map(([latin, cyrillic]) => ({ latin, cyrillic, split: 'test' as const, sources: 'seed' }));
  const loans = toCyrillicScore(seed, EMPTY_DICTIONARY);
  return [
    `Word list: ${pairs.length} reviewed pairs (${dev.length} dev, ${test.length} held out).`,
    '',
    '| dictionary | direction | all pairs | held-out half |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Russian loans are where the rules alone fail: on the ${seed.length} ц/ь/ъ words of the UzTransliterator seed, `
      + `rules without a dictionary get ${pct(loans)} right Latin → Cyrillic.`,
  ].join('\n');
}

interface RunningSource { name: string; file: URL; committed: boolean }

/** The running-text evaluation: CLDR is committed; the gettext catalogues are built into .cache. */
const RUNNING_TEXT: RunningSource[] = [
  { name: 'Unicode CLDR (uz, uz-Cyrl)', file: new URL('src/core/script/benchmark/running-text-cldr.tsv', root), committed: true },
  { name: 'desktop software (GNOME, KDE, Cinnamon gettext catalogues)', file: new URL('.cache/script-eval/gettext.tsv', root), committed: false },
];

export function readRunningText(source: RunningSource): Segment[] | undefined {
  return existsSync(source.file) ? parseSegments(readFileSync(source.file, 'utf8')) : undefined;
}

export const runningToCyrillic = (segments: Segment[], dictionary: Dictionary) =>
  scoreRunningText(segments, (s) => latinToCyrillic(s.latin, dictionary), (s) => s.cyrillic);
export const runningToLatin = (segments: Segment[], dictionary: Dictionary) =>
  scoreRunningText(segments, (s) => cyrillicToLatin(s.cyrillic, dictionary), (s) => s.latin);

const pctRunning = (s: RunningScore) => `${((100 * s.correct) / s.total).toFixed(2)}% (${s.total - s.correct} wrong of ${s.total})`;

function runningTable(): string {
  const lines = [
    'Running text: every word of every text counts, as often as it occurs; each text is converted whole and',
    'aligned word by word with the other script (docs/script.md, "The running-text evaluation").',
    '',
    '| source | texts | dictionary | Latin → Cyrillic | Cyrillic → Latin | held-out half: Latin → Cyrillic | held-out half: Cyrillic → Latin |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const missing: string[] = [];
  for (const source of RUNNING_TEXT) {
    const segments = readRunningText(source);
    if (segments === undefined) { missing.push(source.name); continue; }
    const heldOut = segments.filter(isHeldOut);
    for (const s of setups()) {
      const cells = [segments, heldOut].flatMap((part) => [pctRunning(runningToCyrillic(part, s.toCyrillic)), pctRunning(runningToLatin(part, s.toLatin))]);
      lines.push(`| ${source.name} | ${segments.length} | ${s.name} | ${cells.join(' | ')} |`);
    }
  }
  // How much of what is left is the ь/э convention the sources differ on (docs/script.md, "The
  // running-text evaluation"): the same score with ь dropped and э read as е on both sides.
  const ships = setups().at(-1)!;
  const bare = (text: string) => text.replace(/[ьЬ]/g, '').replace(/э/g, 'е').replace(/Э/g, 'Е');
  const aside = RUNNING_TEXT.flatMap((source) => {
    const segments = readRunningText(source);
    if (segments === undefined) return [];
    const score = scoreRunningText(segments, (s) => bare(latinToCyrillic(s.latin, ships.toCyrillic)), (s) => bare(s.cyrillic));
    return [`${pctRunning(score)} on ${source.name}`];
  });
  lines.push('', `Setting ь and э/е aside (the spelling convention the sources differ on), what ships gets Latin → Cyrillic: ${aside.join('; ')}.`);
  for (const name of missing) lines.push('', `${name}: not built here; run \`npx tsx scripts/build-script-eval.ts\` (needs the Debian archive).`);
  return lines.join('\n');
}

/** The most frequent running-text errors of what ships, with their counts. */
function frequentErrors(score: RunningScore, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const { expected, got } of score.errors) counts.set(`${expected}\tgot ${got}`, (counts.get(`${expected}\tgot ${got}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([e, n]) => `${n}\t${e}`);
}

const START = '<!-- script-benchmark:start -->';
const END = '<!-- script-benchmark:end -->';

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = `${table()}\n\n${runningTable()}`;
  console.log(result);
  if (process.argv.includes('--errors') || process.argv.includes('--all-errors')) {
    const ships = setups().at(-1)!;
    const pairs = readWordPairs().filter((p) => process.argv.includes('--all-errors') || p.split === 'dev');
    for (const [dir, s] of [['→ Cyrillic', toCyrillicScore(pairs, ships.toCyrillic)], ['→ Latin', toLatinScore(pairs, ships.toLatin)]] as const) {
      console.log(`\n${dir}: ${s.errors.length} errors`);
      for (const { pair, got } of s.errors) console.log(`${pair.latin}\t${pair.cyrillic}\tgot ${got}\t[${pair.split} ${pair.sources}]`);
    }
    for (const source of RUNNING_TEXT) {
      const dev = readRunningText(source)?.filter((s) => !isHeldOut(s));
      if (dev === undefined) continue;
      for (const [dir, s] of [['→ Cyrillic', runningToCyrillic(dev, ships.toCyrillic)], ['→ Latin', runningToLatin(dev, ships.toLatin)]] as const) {
        console.log(`\n${source.name} ${dir}, dev half: ${s.errors.length} wrong words; the most frequent:`);
        for (const line of frequentErrors(s, 150)) console.log(line);
      }
    }
  }
  if (process.argv.includes('--write')) {
    const docs = new URL('docs/benchmarks.md', root);
    const text = readFileSync(docs, 'utf8');
    const at = text.indexOf(START);
    const end = text.indexOf(END);
    if (at < 0 || end < 0) throw new Error(`docs/benchmarks.md has no ${START} … ${END} block`);
    writeFileSync(docs, `${text.slice(0, at + START.length)}\n${result}\n${text.slice(end)}`);
  }
}
