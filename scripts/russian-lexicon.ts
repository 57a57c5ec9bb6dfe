/*
 * The decisions behind src/core/script/dictionary/russian-loans-latin-cyrillic.csv, kept pure so they
 * can be tested: which Russian words, written in Uzbek Latin, need a dictionary entry to come back
 * to the right Cyrillic. scripts/build-russian-lexicon.ts feeds them the Russian Hunspell word list
 * and the Uzbek (Cyrillic) Hunspell word list; docs/script.md, "The exception dictionary".
 */
import { canonicalLatin, mergeDictionaries, type Dictionary } from '../src/core/script/dictionary';
import { findStem, isCyrillicInflection, isLatinInflection } from '../src/core/script/suffixes';

/** The project's converters with the shipped dictionaries bound in (or any stand-ins, for tests). */
export interface Converters {
  /** Uzbek Cyrillic to Latin, one lower-case word. */
  toLatin: (cyrillic: string) => string;
  /** Uzbek Latin to Cyrillic, one lower-case word, with the given dictionary. */
  toCyrillic: (latin: string, dictionary: Dictionary) => string;
}

export type Refusal =
  | 'not a plain Cyrillic word' // hyphens, digits, Latin letters, abbreviations in capitals
  | 'rules already right' // the rules and the shipped dictionaries give it already
  | 'too short' // under 4 letters, or 5 without hunspell-uz's word: native words this short abound (kon, mol, mosh)
  | 'already in a shipped dictionary' // the seed or the project decided this Latin word
  | 'not a Russian noun' // a verb, an adjective or a form (ешь, пусть): Uzbek borrows nouns
  | 'ы without Uzbek evidence' // ы is written i, where native words abound (riba, oniy, nadim)
  | 'not a spelling matter' // Cyrillic differs from the rules' output in more than ь ъ ц е/э ё щ ы
  | 'ambiguous in Russian' // two Russian words give the same Latin
  | 'not used in Uzbek' // neither Uzbek word list has it
  | 'Uzbek spells it otherwise' // the Uzbek word list has the Latin word with another Cyrillic
  | 'listed' // in REFUSED below
  | 'breaks an Uzbek word'; // as a stem it would change a word the Uzbek lists have right

/**
 * Latin words never to give a Russian spelling, whatever the word lists say: native Uzbek words that
 * a Russian word with ь (or ц, э) would take over. Most are short and so refused anyway; they are
 * listed so that a change of the length limit does not let them in.
 */
export const REFUSED: ReadonlyMap<string, string> = new Map([
  ['kon', 'kon is Uzbek "mine, deposit" (кон), not конь'],
  ['mol', 'mol is Uzbek "cattle, goods" (мол), not моль'],
  ['bel', 'bel is Uzbek "waist" (бел), not бель'],
  ['tol', 'tol is Uzbek "willow" (тол), not толь'],
  ['ol', 'ol is Uzbek "take" (ол)'],
  ['el', 'el is Uzbek "people, land" (эл), not ель'],
  ['shar', 'shar is written шар in Uzbek (ball), as in Russian; guards against a stray ь'],
  ['kir', 'kir is Uzbek "dirt; enter" (кир)'],
  ['tish', 'tish is Uzbek "tooth" (тиш), not тишь'],
  ['qol', 'qol is Uzbek "stay" (қол)'],
  ['bol', 'bol is Uzbek "honey" (бол), not боль'],
  ['sol', 'sol is Uzbek "put" (сол), not соль'],
  ['yel', 'yel is Uzbek "wind" (ел), not ель'],
  ['tush', 'tush is Uzbek "dream; noon; go down" (туш), not тушь'],
  ['mel', 'mel is the Russian мел (chalk) in Uzbek, not мель'],
  ['ich', 'ich is Uzbek "inside; drink" (ич)'],
  ['mosh', 'mosh is Uzbek "mung bean" (мош), not мощь'],
  ['yesh', 'yesh is Uzbek "untie" (еш), not ешь'],
  ['riba', 'riba is Uzbek "usury" (риба), not рыба'],
  ['oniy', 'oniy is Uzbek "momentary" (оний), not оный'],
  ['nadim', 'Nadim is a given name (Надим), not the town Надым'],
  ['davat', 'davat is Uzbek "invitation" (даъват), not давать'],
  ['sanga', 'sanga is Uzbek "to you" (санга), not цанга'],
  ['kesar', 'kesar is Uzbek "will cut" (кесар), not кесарь'],
  ['koryo', 'Koryo is Korea (Корё), not корьё'],
  ['tanka', 'tanka in Latin text is the Russian танка (of a tank) likelier than Танька'],
  ['taman', 'Taman (Тамань) is too rare to outweigh a stray taman in Latin text'],
  ['bulon', 'Bulon (Булонь) is too rare; bulon is likelier a loose bulyon (бульон)'],
  ['pisha', 'pisha: Russian пища is not an Uzbek loan; the Latin word is likelier Uzbek'],
  ['pishik', 'pishik: Russian пищик is not an Uzbek loan; the Latin word is likelier Uzbek (pishiq)'],
  ['flesh', 'flesh is a flash drive in Uzbek (флеш), not флешь'],
  ['normal', 'normal is the Uzbek adjective (нормал, from нормальный), not нормаль'],
  ['orbital', 'orbital is the Uzbek adjective (орбитал), not орбиталь'],
  ['gorizontal', 'gorizontal is the Uzbek adjective (горизонтал), not горизонталь'],
]);

/**
 * What the loan letters leave when Latin merges them: ь ъ dropped, ц and тс as с, э as е, щ as ш, ы as
 * и, and ё ю я as йо йу йа (майор and маёр are both mayor).
 */
export function skeleton(cyrillic: string): string {
  return cyrillic.replace(/[ьъ]/g, '').replace(/тс|ц/g, 'с').replace(/э/g, 'е').replace(/щ/g, 'ш').replace(/ы/g, 'и')
    .replace(/ё/g, 'йо').replace(/ю/g, 'йу').replace(/я/g, 'йа').replace(/йй/g, 'й');
}

const CONSONANT = /^[бвгджзйклмнпрстфхцчшщқғҳ]/;

/**
 * Stems the Uzbek word forms show: every form itself, and every start of a form whose rest is a chain
 * of Uzbek suffixes beginning with a consonant (фильмлар shows фильм). A vowel suffix is not counted:
 * it drops a stem's ь (модели), so it cannot tell модель from модел.
 */
export function attestedStems(forms: Iterable<string>): Set<string> {
  const stems = new Set<string>();
  for (const raw of forms) {
    const form = raw.normalize('NFC').toLowerCase();
    stems.add(form);
    for (let end = 2; end < form.length; end++) {
      const rest = form.slice(end);
      if (CONSONANT.test(rest) && isCyrillicInflection(rest)) stems.add(form.slice(0, end));
    }
  }
  return stems;
}

export interface Candidate { latin: string; russian: string }
export interface Decision extends Candidate { refusal?: Refusal; detail?: string; flags?: string }

/** Hunspell flags of Russian noun paradigms in dictionary-ru (A is the adjective's). */
const NOUN_FLAGS = /[EFGHIJKNO]/;

/** A Russian noun (or a name) by its dictionary-ru flags: a noun paradigm and not an adjective's. */
export const isRussianNoun = (flags: string) => NOUN_FLAGS.test(flags) && !flags.includes('A');

export interface LexiconInput extends Converters {
  /** Russian dictionary entries, `word/FLAGS` as in a Hunspell .dic (flags may be missing), any case. */
  russian: Iterable<string>;
  /** Uzbek Cyrillic word forms, written by hand (hunspell-uz): how Uzbek spells a word. */
  uzbek: Iterable<string>;
  /** Uzbek Latin word forms from real text (Tesseract's uzb word list): which words Uzbek uses. */
  uzbekLatin: Iterable<string>;
  /** The shipped Latin → Cyrillic dictionaries, merged. */
  shipped: Dictionary;
  /** Pairs known right in both scripts that no entry may break (the parallel word list). */
  guard?: Iterable<Candidate>;
  refused?: ReadonlyMap<string, string>;
}

export interface Lexicon {
  /** Latin stem → Cyrillic, the entries to write. */
  entries: Map<string, string>;
  /** Every Russian word looked at, with the reason it was refused, if it was. */
  decisions: Decision[];
  /** Uzbek forms the rules and shipped dictionaries get right, and with the lexicon too. */
  uzbekRight: { before: number; after: number; total: number };
}

/** The Uzbek Cyrillic spellings of each Latin stem the Uzbek forms show (рубл and рубль both rubl). */
function spellingsByLatin(stems: Set<string>, toLatin: (c: string) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const stem of stems) {
    if (!/^[а-яёўқғҳ]+$/.test(stem)) continue;
    const latin = toLatin(stem);
    let set = out.get(latin);
    if (!set) out.set(latin, set = new Set());
    set.add(stem);
  }
  return out;
}

/**
 * A Latin word used in Uzbek text: the list has it alone and with an Uzbek suffix (filmlar, filmda),
 * so a Russian or English word quoted in Latin text does not count.
 */
export function latinUsage(forms: Iterable<string>): (latin: string) => boolean {
  const sorted = [...new Set([...forms].map(canonicalLatin))].sort();
  const bare = new Set(sorted);
  const firstFrom = (prefix: string) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < prefix) lo = mid + 1; else hi = mid; }
    return lo;
  };
  return (latin) => {
    if (!bare.has(latin)) return false;
    for (let i = firstFrom(latin) + 1; i < sorted.length && sorted[i]!.startsWith(latin); i++) {
      if (isLatinInflection(sorted[i]!.slice(latin.length))) return true;
    }
    return false;
  };
}

/** Decides every Russian word; see Refusal for the reasons, in the order they are tried. */
export function buildLexicon(input: LexiconInput): Lexicon {
  const { toLatin, toCyrillic, shipped } = input;
  const refused = input.refused ?? REFUSED;
  const decisions: Decision[] = [];
  const byLatin = new Map<string, Set<string>>();
  const seen = new Set<string>();

  const flagsOf = new Map<string, string>();
  for (const entry of input.russian) {
    const [raw = '', flags = ''] = entry.split('/');
    const russian = raw.normalize('NFC').toLowerCase();
    flagsOf.set(russian, (flagsOf.get(russian) ?? '') + flags);
    if (seen.has(russian)) continue;
    seen.add(russian);
    // a word in capitals is an abbreviation (ЧПУ); only Russian letters, no hyphen
    if (raw === raw.toUpperCase() || !/^[а-яё]+$/.test(russian)) {
      decisions.push({ latin: '', russian, refusal: 'not a plain Cyrillic word' });
      continue;
    }
    const latin = toLatin(russian);
    let set = byLatin.get(latin);
    if (!set) byLatin.set(latin, set = new Set());
    set.add(russian);
    decisions.push({ latin, russian });
  }

  const stems = attestedStems(input.uzbek);
  const spellings = spellingsByLatin(stems, toLatin);
  const used = latinUsage(input.uzbekLatin);

  for (const d of decisions) {
    if (d.refusal) continue;
    const uzbek = [...spellings.get(d.latin) ?? []].filter((s) => s !== d.russian);
    if (!stems.has(d.russian) && uzbek.length === 0 && !used(d.latin)) { d.refusal = 'not used in Uzbek'; continue; }
    const byRules = toCyrillic(d.latin, shipped);
    const others = [...byLatin.get(d.latin)!].filter((r) => r !== d.russian);
    const inHunspell = stems.has(d.russian);
    if (byRules === d.russian) d.refusal = 'rules already right';
    else if (refused.has(d.latin)) { d.refusal = 'listed'; d.detail = refused.get(d.latin); }
    else if ([...d.latin].length < (inHunspell ? 4 : 5)) d.refusal = 'too short';
    else if (shipped.has(d.latin)) { d.refusal = 'already in a shipped dictionary'; d.detail = shipped.get(d.latin); }
    else if (!inHunspell && !isRussianNoun(flagsOf.get(d.russian) ?? '')) { d.refusal = 'not a Russian noun'; d.detail = flagsOf.get(d.russian) || 'no flags'; }
    else if (!inHunspell && d.russian.includes('ы')) d.refusal = 'ы without Uzbek evidence';
    else if (skeleton(d.russian) !== skeleton(byRules)) { d.refusal = 'not a spelling matter'; d.detail = byRules; }
    else if (others.length > 0) { d.refusal = 'ambiguous in Russian'; d.detail = others.join(' '); }
    else if (uzbek.length > 0) { d.refusal = 'Uzbek spells it otherwise'; d.detail = uzbek.join(' '); }
  }

  // An entry is a stem: it must not change an Uzbek form (or a guarded pair) the rules get right.
  const checks: Candidate[] = [];
  for (const form of new Set([...input.uzbek].map((f) => f.normalize('NFC').toLowerCase()))) {
    if (/^[а-яёўқғҳ]+$/.test(form)) checks.push({ latin: toLatin(form), russian: form });
  }
  const all = [...checks, ...input.guard ?? []];
  const rightBefore = all.map((c) => toCyrillic(c.latin, shipped) === c.russian);
  const kept = () => new Map(decisions.filter((d) => !d.refusal).map((d) => [d.latin, d.russian]));
  /** Only a word that starts with an entry can change. */
  const touched = (latin: string, entries: ReadonlyMap<string, string>) =>
    [...latin].some((_, end) => end >= 2 && entries.has(latin.slice(0, end + 1)));
  for (let round = 0; round < 5; round++) {
    const entries = kept();
    const merged = mergeDictionaries(shipped, entries);
    const blamed = new Map<string, string>();
    all.forEach((c, i) => {
      if (!rightBefore[i] || !touched(c.latin, entries) || toCyrillic(c.latin, merged) === c.russian) return;
      const stem = merged.has(c.latin) ? c.latin : findStem(c.latin, (s) => merged.has(s), isLatinInflection);
      if (stem !== undefined && entries.has(stem) && !blamed.has(stem)) blamed.set(stem, c.russian);
    });
    if (blamed.size === 0) break;
    for (const d of decisions) {
      if (!d.refusal && blamed.has(d.latin)) { d.refusal = 'breaks an Uzbek word'; d.detail = blamed.get(d.latin); }
    }
  }

  const entries = kept();
  const merged = mergeDictionaries(shipped, entries);
  const before = checks.filter((_, i) => rightBefore[i]).length;
  const after = checks.filter((c, i) => (touched(c.latin, entries) ? toCyrillic(c.latin, merged) === c.russian : rightBefore[i])).length;
  return { entries, decisions, uzbekRight: { before, after, total: checks.length } };
}

/** The CSV: a header of # lines, then `latin,cyrillic` sorted by Latin. */
export function serializeLexicon(entries: ReadonlyMap<string, string>, header: readonly string[]): string {
  const lines = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([l, c]) => `${l},${c}`);
  return `${header.map((h) => `# ${h}`.trimEnd()).join('\n')}\n${lines.join('\n')}\n`;
}
