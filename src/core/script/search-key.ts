import { APOSTROPHE_CLASS } from './apostrophes';

/*
 * Script-neutral search keys (docs/script.md, "Search keys"). Pure string code: no DOM, no Intl,
 * safe in a Web Worker. Both scripts, every apostrophe variant and the 2026 alphabet letters fold to
 * one plain Latin key; index these next to the record and compute them for the query.
 */

/** Latin letters that look like Cyrillic ones, by case: mixed words in imported data (Шиpин). */
const HOMOGLYPHS: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у',
};
const CYRILLIC = /\p{Script=Cyrillic}/u;
const WORD = /[\p{L}\p{M}]+/gu;

/** Confusables of the new-alphabet letters, folded before them. */
const CONFUSABLES: Record<string, string> = { 'ș': 'ş', 'ō': 'ö', 'ŏ': 'ö', 'õ': 'ö', 'ḡ': 'ğ' };

/** Simple, deterministic Cyrillic to Latin (lower case): not the transliterator. */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'x', ц: 's',
  ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ў: 'oʻ', қ: 'q', ғ: 'gʻ', ҳ: 'h',
};

/** The 2026 Latin alphabet back to the 1995 digraphs. */
const NEW_ALPHABET: Record<string, string> = { 'ş': 'sh', 'ç': 'ch', 'ö': 'oʻ', 'ğ': 'gʻ', 'ñ': 'ng' };

const swap = (table: Record<string, string>) => (ch: string) => table[ch] ?? ch;
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');
const CYRILLIC_RE = /[а-яёўқғҳ]/gu;
const NEW_ALPHABET_RE = /[şçöğñ]/gu;
const APOSTROPHE_RE = new RegExp(`[${APOSTROPHE_CLASS}]`, 'gu');

function fixHomoglyphs(text: string): string {
  return text.replace(WORD, (word) =>
    CYRILLIC.test(word) ? word.replace(/[ABCEHKMOPTXYacepoxy]/g, swap(HOMOGLYPHS)) : word);
}

/**
 * The strict key: NFC, lower case, homoglyphs fixed, Cyrillic to simple Latin, the 2026 letters to
 * digraphs, oʻ gʻ to o g, apostrophes and hyphens dropped, other punctuation to single spaces. `ye`
 * folds to `e` at word start (docs/script.md, "Search keys"), and also after any letter, because
 * Cyrillic е after a vowel or ъ/ь is `ye` in Latin (қаерда = qayerda, объект = obyekt).
 */
export function strictKey(text: string): string {
  let s = fixHomoglyphs(text.normalize('NFC'));
  s = s.toLowerCase().normalize('NFC');
  s = s.replace(CONFUSABLE_RE, swap(CONFUSABLES));
  s = s.replace(CYRILLIC_RE, swap(CYRILLIC_TO_LATIN));
  s = s.replace(NEW_ALPHABET_RE, swap(NEW_ALPHABET));
  s = s.replace(APOSTROPHE_RE, '');
  s = s.replace(/ye/g, 'e');
  s = s.replace(/[-\u2010\u2011\u00AD\p{M}]/gu, '');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return s.trim();
}

/**
 * The loose key, for matches ranked below strict ones: q→k, x→h, ts→s, u→o (Russian keyboards type
 * у for ў: Узбекистон), doubled letters collapsed.
 */
export function looseKey(text: string): string {
  return strictKey(text)
    .replace(/q/g, 'k')
    .replace(/x/g, 'h')
    .replace(/ts/g, 's')
    .replace(/u/g, 'o')
    .replace(/(\p{L})\1+/gu, '$1');
}
