import { TURNED_COMMA, TUTUQ } from './apostrophes';
import { addDateHyphen } from './date-words';
import { EMPTY_DICTIONARY, type Dictionary } from './dictionary';
import { isAllCaps, restoreCase, type Piece } from './letter-case';
import { segmentText } from './segment-text';
import { findStem, isCyrillicInflection } from './suffixes';

/*
 * Uzbek Cyrillic to Latin by the 1995 rules (docs/script.md, "Transliteration"), with an exception dictionary
 * applied to stems (бюджет → budjet, so бюджетдан → budjetdan). Pure.
 */

const LETTERS: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'x', ч: 'ch', ш: 'sh', щ: 'sh',
  ы: 'i', э: 'e', ё: 'yo', ю: 'yu', я: 'ya', ь: '',
  ў: `o${TURNED_COMMA}`, қ: 'q', ғ: `g${TURNED_COMMA}`, ҳ: 'h',
};
const VOWELS = new Set([...'аеёиоуўэюя']);
const IOTATED = new Set([...'еёюя']);

/** Converts one lower-case Cyrillic word by the rules alone; `before` is the letter ahead of it. */
function convertByRules(word: string, start: number, before?: string): Piece[] {
  const pieces: Piece[] = [];
  const chars = [...word];
  chars.forEach((ch, i) => {
    const prev = i > 0 ? chars[i - 1] : before;
    const next = chars[i + 1];
    let out: string;
    if (ch === 'е') {
      // ye word-initially, after a vowel and after ъ ь (объект → obyekt, пьеса → pyesa)
      out = prev === undefined || VOWELS.has(prev) || prev === 'ъ' || prev === 'ь' ? 'ye' : 'e';
    } else if (ch === 'ъ') {
      // before е ё ю я the y of the next letter does its work, after ў the mark of oʻ does (мўъжиза →
      // moʻjiza), and at the end of a word nothing is written (манъ → man); otherwise the tutuq (маъно → maʼno)
      out = next === undefined || IOTATED.has(next) || prev === 'ў' ? '' : TUTUQ;
    } else if (ch === 'ц') {
      // ts after a vowel inside a word (лицей → litsey), otherwise s (цирк, концерт, абзац)
      out = prev !== undefined && VOWELS.has(prev) && next !== undefined ? 'ts' : 's';
    } else if (ch === 'я' && i === word.indexOf('тябр') + 1 && /^(?:сен|ок)тябр/.test(word)) {
      out = 'a'; // the 1995 rules' own exception: сентябр(ь) → sentabr, октябр(ь) → oktabr
    } else if (ch === 'ь' && (next === 'о' || next === 'у')) {
      out = 'y'; // ь as a separator before о у: павильон → pavilyon
    } else if (ch === 'ҳ' && prev === 'с') {
      out = `${TUTUQ}h`; // сҳ is not ш: Исҳоқ → Isʼhoq
    } else {
      out = LETTERS[ch] ?? ch;
    }
    pieces.push({ at: start + i, text: out });
  });
  return pieces;
}

/** A word in capitals that is an abbreviation keeps digraphs in mixed case: ЖШШИР → JShShIR. */
function isAbbreviation(word: string): boolean {
  const letters = [...word.toLowerCase()];
  const vowels = letters.filter((ch) => VOWELS.has(ch)).length;
  return letters.length <= 5 && vowels / letters.length < 0.34;
}

function caseFor(word: string, pieces: Piece[]): string {
  if (isAllCaps(word) && isAbbreviation(word)) {
    return pieces.map(({ text }) => (text[0] ?? '').toUpperCase() + text.slice(1)).join('');
  }
  return restoreCase(word, pieces);
}

function convertWord(word: string, dictionary: Dictionary): string {
  if (!/\p{Script=Cyrillic}/u.test(word)) return word;
  const lower = word.toLowerCase();
  const whole = dictionary.get(lower);
  if (whole !== undefined) return restoreCase(word, [{ at: 0, text: whole }]);
  const stem = findStem(lower, (s) => dictionary.has(s), isCyrillicInflection);
  if (stem !== undefined) {
    const tail = convertByRules(lower.slice(stem.length), stem.length, stem.at(-1));
    return restoreCase(word, [{ at: 0, text: dictionary.get(stem)! }, ...tail]);
  }
  return caseFor(word, convertByRules(lower, 0));
}

/**
 * Uzbek Cyrillic text to Uzbek Latin, with oʻ gʻ (U+02BB) and the tutuq (U+02BC). Placeholders, links
 * and Latin words stay as they are; so do « », which Uzbek Latin uses as well as “ ”.
 */
export function cyrillicToLatin(text: string, dictionary: Dictionary = EMPTY_DICTIONARY): string {
  const segments = segmentText(text.normalize('NFC'));
  return segments.map((segment, i) => {
    if (segment.kind === 'word') return convertWord(segment.text, dictionary);
    const next = segments[i + 1];
    if (segment.kind === 'other' && next?.kind === 'word') return addDateHyphen(segment.text, next.text);
    return segment.text;
  }).join('');
}
