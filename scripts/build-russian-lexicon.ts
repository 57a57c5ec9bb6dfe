/**
 * Builds src/core/script/dictionary/russian-loans-latin-cyrillic.csv: Russian loans whose Uzbek Latin
 * spelling loses a letter the Cyrillic keeps (ь ъ ц е/э ё щ ы), so that film gives фильм and konsert
 * концерт. Run by hand; the output is committed:
 *
 *   npx tsx scripts/build-russian-lexicon.ts
 *
 * It fetches, into a temporary folder, with the ordinary clients:
 * - the Russian Hunspell dictionary, npm package dictionary-ru@3 (BSD-3-Clause, Alexander I. Lebedev;
 *   licence in src/core/script/dictionary/DICTIONARY-RU-LICENSE): its stems are the Russian words;
 * - the Uzbek Hunspell word list, Debian package hunspell-uz (Mashrab Kuvatov, GPL-2+): its word forms,
 *   in Uzbek Cyrillic, say which Russian words Uzbek uses and how it spells them. It is only read here
 *   to choose entries; none of its text is copied into the repository.
 *
 * The decisions are in scripts/russian-lexicon.ts; docs/script.md, "The exception dictionary".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cyrillicToLatin } from '../src/core/script/cyrillic-to-latin';
import { latinToCyrillic } from '../src/core/script/latin-to-cyrillic';
import { loadScriptDictionaries } from './load-script-dictionaries';
import { buildLexicon, serializeLexicon, type Candidate, type Refusal } from './russian-lexicon';

const root = new URL('../', import.meta.url);
const OUTPUT = new URL('src/core/script/dictionary/russian-loans-latin-cyrillic.csv', root);
const RUSSIAN_PACKAGE = 'dictionary-ru@3';
const UZBEK_PACKAGE = 'hunspell-uz';
const UZBEK_LATIN_PACKAGE = 'tesseract-ocr-uzb';

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** dictionary-ru: the entries of index.dic (`word/FLAGS`) and the package's version. */
function fetchRussian(dir: string): { words: string[]; version: string } {
  const tarball = run('npm', ['pack', RUSSIAN_PACKAGE, '--silent'], dir).trim().split('\n').at(-1)!;
  run('tar', ['-xzf', tarball], dir);
  const version = (JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as { version: string }).version;
  const lines = readFileSync(join(dir, 'package/index.dic'), 'utf8').split('\n').slice(1);
  return { words: lines.map((l) => l.trim()).filter(Boolean), version };
}

/** hunspell-uz: the word forms of uz_UZ.dic (a fully expanded list) and the package's version. */
function fetchUzbek(dir: string): { words: string[]; version: string } {
  run('apt-get', ['download', UZBEK_PACKAGE], dir);
  const deb = readdirSync(dir).find((f) => f.startsWith(`${UZBEK_PACKAGE}_`) && f.endsWith('.deb'))!;
  run('dpkg-deb', ['-x', deb, 'uz'], dir);
  const version = deb.split('_')[1]!;
  const lines = readFileSync(join(dir, 'uz/usr/share/hunspell/uz_UZ.dic'), 'utf8').split('\n').slice(1);
  return { words: lines.map((l) => l.split('/')[0]!.trim()).filter(Boolean), version };
}

/**
 * Tesseract's Uzbek (Latin) model, Debian package tesseract-ocr-uzb: the word list of its LSTM model,
 * words from real Uzbek text. Needs combine_tessdata and dawg2wordlist (apt-get install tesseract-ocr).
 */
function fetchUzbekLatin(dir: string): { words: string[]; version: string } {
  run('apt-get', ['download', UZBEK_LATIN_PACKAGE], dir);
  const deb = readdirSync(dir).find((f) => f.startsWith(`${UZBEK_LATIN_PACKAGE}_`) && f.endsWith('.deb'))!;
  run('dpkg-deb', ['-x', deb, 'tess'], dir);
  const version = decodeURIComponent(deb.split('_')[1]!);
  const tessdata = join(dir, 'tess/usr/share/tesseract-ocr');
  const model = join(tessdata, readdirSync(tessdata)[0]!, 'tessdata/uzb.traineddata');
  try {
    run('combine_tessdata', ['-u', model, join(dir, 'uzb.')], dir);
    run('dawg2wordlist', [join(dir, 'uzb.lstm-unicharset'), join(dir, 'uzb.lstm-word-dawg'), join(dir, 'uzb.words')], dir);
  } catch (error) {
    throw new Error(`reading the Tesseract word list failed; is tesseract-ocr installed (apt-get install tesseract-ocr)? ${String(error)}`);
  }
  return { words: readFileSync(join(dir, 'uzb.words'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean), version };
}

/** The parallel word list: pairs written by hand in both scripts, which no entry may break. */
function parallelWords(): Candidate[] {
  const tsv = readFileSync(new URL('src/core/script/benchmark/parallel-words.tsv', root), 'utf8');
  return tsv.split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')).map(([latin, russian]) => ({ latin: latin!, russian: russian! }));
}

const dir = mkdtempSync(join(tmpdir(), 'russian-lexicon-'));
try {
  const russian = fetchRussian(dir);
  const uzbek = fetchUzbek(dir);
  const uzbekLatin = fetchUzbekLatin(dir);
  const dictionaries = loadScriptDictionaries({ russianLoans: false }); // not the output of an earlier run
  const shipped = dictionaries.latinToCyrillic;
  const lexicon = buildLexicon({
    russian: russian.words,
    uzbek: uzbek.words,
    uzbekLatin: uzbekLatin.words,
    shipped,
    guard: parallelWords(),
    toLatin: (c) => cyrillicToLatin(c, dictionaries.cyrillicToLatin),
    toCyrillic: (l, d) => latinToCyrillic(l, d),
  });

  console.log(`Russian words (dictionary-ru ${russian.version} stems): ${russian.words.length}`);
  console.log(`Uzbek Cyrillic word forms (hunspell-uz ${uzbek.version}): ${uzbek.words.length}`);
  console.log(`Uzbek Latin words (tesseract-ocr-uzb ${uzbekLatin.version}): ${uzbekLatin.words.length}`);
  const byReason = new Map<Refusal | 'kept', typeof lexicon.decisions>();
  for (const d of lexicon.decisions) {
    const key = d.refusal ?? 'kept';
    byReason.set(key, [...byReason.get(key) ?? [], d]);
  }
  let left = lexicon.decisions.length;
  console.log(`distinct lower-case Russian words: ${left}`);
  for (const [reason, list] of byReason) {
    if (reason === 'kept') continue;
    left -= list.length;
    const samples = list.slice(0, 12).map((d) => `${d.latin || '-'}→${d.russian}${d.detail ? ` (${d.detail})` : ''}`);
    console.log(`refused, ${reason}: ${list.length}, leaving ${left}\n  ${samples.join(', ')}`);
  }
  const kept = [...lexicon.entries];
  console.log(`kept: ${kept.length}`);
  const step = Math.max(1, Math.floor(kept.length / 40));
  console.log(`  ${kept.filter((_, i) => i % step === 0).slice(0, 40).map(([l, c]) => `${l}→${c}`).join(', ')}`);
  const { before, after, total } = lexicon.uzbekRight;
  console.log(`hunspell-uz forms round-tripped Cyrillic → Latin → Cyrillic right: ${before} of ${total} before, ${after} with the lexicon`);

  const header = [
    'Russian loans in Uzbek whose Latin spelling drops a letter the Cyrillic keeps (ь ъ ц е/э ё щ ы).',
    'Generated by scripts/build-russian-lexicon.ts (npx tsx scripts/build-russian-lexicon.ts); do not edit',
    'by hand: fix a wrong entry in project-latin-cyrillic.csv (it wins), or refuse it in REFUSED in',
    'scripts/russian-lexicon.ts and rebuild.',
    `Cyrillic: the Russian Hunspell dictionary, npm dictionary-ru ${russian.version} (BSD-3-Clause, Alexander I. Lebedev;`,
    'DICTIONARY-RU-LICENSE). Latin: each word by the project\'s Cyrillic-to-Latin rules. A pair is kept',
    'only when the word is used in Uzbek, the rules and the shipped dictionaries do not give it already,',
    'and Uzbek spells it no other way, judged by two word lists that are read, not copied',
    `(UZBEK-WORD-LISTS-NOTICE): Debian hunspell-uz ${uzbek.version} (Uzbek Cyrillic, Mashrab Kuvatov, GPL-2+) and`,
    `the word list of Debian tesseract-ocr-uzb ${uzbekLatin.version} (Uzbek Latin, Apache-2.0). docs/script.md,`,
    '"The exception dictionary", has the method.',
    `${kept.length} entries. Format: latin,cyrillic (lower case; stems: suffixes are added by rule).`,
  ];
  writeFileSync(OUTPUT, serializeLexicon(lexicon.entries, header));
  console.log(`wrote ${OUTPUT.pathname}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
