/**
 * Word accuracy of the transliterator in both directions on the reviewed parallel word list
 * (src/core/script/benchmark/parallel-words.tsv), for three dictionaries: rules only, rules and the
 * UzTransliterator seed, and what ships (seed and our reviewed entries).
 *
 *   npx tsx scripts/bench-script.ts            print the table (Markdown)
 *   npx tsx scripts/bench-script.ts --errors   also list the dev-half errors of what ships
 *   npx tsx scripts/bench-script.ts --write    replace the script section of docs/benchmarks.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cyrillicToLatin } from '../src/core/script/cyrillic-to-latin';
import { EMPTY_DICTIONARY, mergeDictionaries, parseDictionary, type Dictionary } from '../src/core/script/dictionary';
import { latinToCyrillic } from '../src/core/script/latin-to-cyrillic';

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
  const ownCyr = parseDictionary(read('project-latin-cyrillic.csv'), true);
  const ownLat = parseDictionary(read('project-cyrillic-latin.csv'), false);
  return [
    { name: 'rules only', toCyrillic: EMPTY_DICTIONARY, toLatin: EMPTY_DICTIONARY },
    { name: 'rules + UzTransliterator seed', toCyrillic: seedCyr, toLatin: seedLat },
    { name: 'rules + seed + reviewed project entries (ships)', toCyrillic: mergeDictionaries(seedCyr, ownCyr), toLatin: mergeDictionaries(seedLat, ownLat) },
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

const START = '<!-- script-benchmark:start -->';
const END = '<!-- script-benchmark:end -->';

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = table();
  console.log(result);
  if (process.argv.includes('--errors') || process.argv.includes('--all-errors')) {
    const ships = setups().at(-1)!;
    const pairs = readWordPairs().filter((p) => process.argv.includes('--all-errors') || p.split === 'dev');
    for (const [dir, s] of [['→ Cyrillic', toCyrillicScore(pairs, ships.toCyrillic)], ['→ Latin', toLatinScore(pairs, ships.toLatin)]] as const) {
      console.log(`\n${dir}: ${s.errors.length} errors`);
      for (const { pair, got } of s.errors) console.log(`${pair.latin}\t${pair.cyrillic}\tgot ${got}\t[${pair.split} ${pair.sources}]`);
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
