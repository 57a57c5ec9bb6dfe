import { APOSTROPHE_CLASS, TURNED_COMMA, TUTUQ } from './apostrophes';
import { dropDateHyphen } from './date-words';
import { canonicalLatin, EMPTY_DICTIONARY, type Dictionary } from './dictionary';
import { LATIN_ABBREVIATIONS } from '../../contract/latin-abbreviations';
import { isForeignWord } from './foreign-words';
import { restoreCase, type Piece } from './letter-case';
import { isRomanNumeral, segmentText, type Segment } from './segment-text';
import { findStem, isLatinInflection } from './suffixes';

/*
 * Uzbek Latin to Cyrillic by the 1995 rules (docs/script.md, "Transliteration"), with an exception dictionary
 * applied to stems. Pure; used at build time for locales and content.
 */

const LETTERS: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', d: 'д', f: 'ф', g: 'г', h: 'ҳ', i: 'и', j: 'ж', k: 'к', l: 'л', m: 'м', n: 'н',
  o: 'о', p: 'п', q: 'қ', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', x: 'х', y: 'й', z: 'з',
  sh: 'ш', ch: 'ч', [`o${TURNED_COMMA}`]: 'ў', [`g${TURNED_COMMA}`]: 'ғ', [TUTUQ]: 'ъ', [TURNED_COMMA]: 'ъ',
  ya: 'я', yo: 'ё', yu: 'ю',
  // the 2026 alphabet, so text in it converts too
  'ş': 'ш', 'ç': 'ч', 'ö': 'ў', 'ğ': 'ғ', 'ñ': 'нг',
};
/** Units that end in a vowel sound: the iotated ya yo yu ye too. */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', `o${TURNED_COMMA}`, 'ö', 'ya', 'yo', 'yu', 'ye']);

/** Splits a canonical lower-case Latin word into letters: sh, ch, oʻ, gʻ, ya, yo, yu, ye are one each. */
function units(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length;) {
    const two = word.slice(i, i + 2);
    const next = word[i + 2];
    const isY = two[0] === 'y' && 'eoua'.includes(two[1] ?? '-') && !(two === 'yo' && next === TURNED_COMMA);
    const unit = two === 'sh' || two === 'ch' || two === `o${TURNED_COMMA}` || two === `g${TURNED_COMMA}` || isY ? two : word[i]!;
    out.push(unit);
    i += unit.length;
  }
  return out;
}

/**
 * ц written ts: after a vowel before -iya or -ion (operatsiya → операция, revolyutsion), and inside a
 * word before e (litsey → лицей, Gertsegovina → Герцеговина). Other ts (ketsa, aytsin) are t + s:
 * Uzbek words have no tse.
 */
function isTse(u: string[], i: number): boolean {
  const before = u[i - 1];
  const after = u.slice(i + 2, i + 4).join('');
  return u[i] === 't' && u[i + 1] === 's' && before !== undefined
    && ((VOWELS.has(before) && (after === 'iya' || after.startsWith('io'))) || u[i + 2] === 'e');
}

/**
 * ц written s after a consonant in the Russian endings -кция, -енция, -анция, -енциал: reaksiya →
 * реакция, konferensiya → конференция, stansiya → станция, potensial → потенциал. Other ц written s
 * (sirk, sement) and the exceptions to these endings (pensiya, vakansiya) are in the dictionary.
 */
function isLoanS(u: string[], i: number): boolean {
  if (u[i] !== 's') return false;
  const rest = u.slice(i + 1).join('');
  const before = u.slice(Math.max(0, i - 2), i).join('');
  const ending = rest === 'iya' || /^iya(?:[a-z]|$)/.test(rest) && isSuffixedIya(rest) || (u[i - 1] === 'k' && rest.startsWith('ion'))
    || (before === 'en' && rest.startsWith('ial'));
  if (!ending) return false;
  return u[i - 1] === 'k' || before === 'en' || before === 'an';
}

/** -iya followed only by suffixes: konferensiyalar, stansiyaga. */
const isSuffixedIya = (rest: string) => isLatinInflection(rest.slice(3));

/**
 * Russian prefixes after which ye is ъе, not ье: объект, субъект, разъезд, подъезд, инъекция. съезд is
 * in the dictionary, since an s could as well start Сьерра.
 */
const HARD_SIGN_PREFIXES = new Set(['ob', 'sub', 'raz', 'pod', 'ad', 'in', 'diz', 'trans', 'kon', 'iz', 'vz']);

/** Converts one lower-case canonical word by the rules alone; `before` is the letter ahead of it. */
function convertByRules(word: string, start: number, before?: string): Piece[] {
  const u = units(word);
  const pieces: Piece[] = [];
  let at = start;
  for (let i = 0; i < u.length; i++) {
    const unit = u[i]!;
    const prev = i > 0 ? u[i - 1] : before;
    let out: string;
    if (isTse(u, i)) { out = 'ц'; pieces.push({ at, text: out }); at += 2; i++; continue; }
    if (isLoanS(u, i)) { pieces.push({ at, text: 'ц' }); at += 1; continue; }
    if (unit === 'ye') {
      // е word-initially and after a vowel; after a consonant only in loans: ъе after a Russian prefix
      // (obyekt → объект, podyezd → подъезд), ье otherwise (kuryer → курьер, Vyetnam → Вьетнам)
      const isPrefix = HARD_SIGN_PREFIXES.has(u.slice(0, i).join(''));
      out = prev === undefined || VOWELS.has(prev) || prev === TUTUQ ? 'е' : isPrefix ? 'ъе' : 'ье';
    } else if (unit === 'e') {
      // э at a word start and after a vowel (poeziya, aeroport), but ie is ие: the 1995 spelling of
      // Cyrillic ие is iye, so ie only comes from loans written loosely (klient → клиент). So are ee
      // and a vowel + ev, the е of Russian names written without their y (Sergeevna, Nikolaev → Сергеевна,
      // Николаев); Uzbek words have neither.
      const isLooseYe = prev === 'e' || (prev !== undefined && VOWELS.has(prev) && u[i + 1] === 'v');
      out = prev === undefined || (VOWELS.has(prev) && prev !== 'i' && !isLooseYe) ? 'э' : 'е';
    } else if (unit === TUTUQ && prev === 's' && u[i + 1] === 'h') {
      out = ''; // sʼh separates s and h: Isʼhoq → Исҳоқ
    } else {
      out = LETTERS[unit] ?? unit;
    }
    pieces.push({ at, text: out });
    at += unit.length;
  }
  return pieces;
}

/** Roman numerals in Cyrillic text: the letters the Cyrillic keyboard has (ХХI аср, ХIV боб). */
const ROMAN_IN_CYRILLIC: Record<string, string> = { X: 'Х', C: 'С', M: 'М' };

const APOSTROPHE_AT_START = new RegExp(`^[${APOSTROPHE_CLASS}]`);

/**
 * A foreign word or Latin abbreviation with Uzbek suffixes: the foreign part stays, the suffixes
 * convert (URL'dan → URL'дан, SMSlar → SMSлар, Google'da → Google'да). Undefined for other words.
 */
function foreignWithSuffix(word: string): string | undefined {
  for (let k = 1; k < word.length; k++) {
    const head = word.slice(0, k);
    const rest = word.slice(k);
    const apostrophe = APOSTROPHE_AT_START.test(rest) ? rest[0]! : '';
    const suffix = rest.slice(apostrophe.length);
    if (suffix === '' || suffix !== suffix.toLowerCase() || !isLatinInflection(canonicalLatin(suffix))) continue;
    const isForeign = apostrophe !== '' ? isForeignWord(head, canonicalLatin(head)) : LATIN_ABBREVIATIONS.has(head);
    if (isForeign) return head + apostrophe + restoreCase(suffix, convertByRules(canonicalLatin(suffix), 0, head.at(-1)));
  }
  return undefined;
}

function convertWord(word: string, dictionary: Dictionary): string {
  const lower = canonicalLatin(word);
  if (isRomanNumeral(word)) return word.replace(/[XCM]/g, (ch) => ROMAN_IN_CYRILLIC[ch]!);
  const glued = foreignWithSuffix(word);
  if (glued !== undefined) return glued;
  if (isForeignWord(word, lower)) return word;
  const whole = dictionary.get(lower);
  if (whole === lower) return word; // an entry that maps a word to itself keeps it (a brand)
  if (whole !== undefined) return restoreCase(word, [{ at: 0, text: whole }]);
  const stem = findStem(lower, (s) => dictionary.has(s), isLatinInflection);
  if (stem !== undefined) {
    // A stem's final ь goes before any suffix (модели, автомобилда, февралдаги) and stays only on the
    // word alone (модель, февраль): what published Cyrillic text does (docs/script.md, "The decisions").
    const rest = lower.slice(stem.length);
    const head = dictionary.get(stem)!.replace(/ь$/, '');
    const tail = convertByRules(rest, stem.length, units(stem).at(-1));
    return restoreCase(word, [{ at: 0, text: head }, ...tail]);
  }
  return restoreCase(word, convertByRules(lower, 0));
}

/** Parts of a hyphenated brand this short are fragments of it, not Uzbek words. */
const FRAGMENT_LENGTH = 3;

/** In a hyphenated compound with a foreign part, the short parts are foreign too: Wi-Fi. */
function keepForeignCompounds(segments: Segment[]): Segment[] {
  const out = [...segments];
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.kind !== 'word') continue;
    let end = i;
    while (out[end + 1]?.text === '-' && out[end + 2]?.kind === 'word') end += 2;
    const parts = out.slice(i, end + 1).filter((_, k) => k % 2 === 0);
    if (end > i && parts.some((p) => isForeignWord(p.text, canonicalLatin(p.text)))) {
      // short parts that are not lower-case words go with the brand (Wi-Fi); Uzbek words stay Uzbek
      // (Call-markaz → Call-марказ, QR-kod → QR-код)
      for (let k = i; k <= end; k += 2) {
        const part = out[k]!.text;
        if (part.length <= FRAGMENT_LENGTH && !/^\p{Ll}/u.test(part)) out[k] = { kind: 'keep', text: part };
      }
    }
    i = end;
  }
  return out;
}

/**
 * man before et- or qil- is the Arabic loan манъ (forbidding: man etiladi → манъ этилади), which Latin
 * writes without its tutuq; elsewhere man is the pronoun or a suffix and stays ман.
 */
function isForbidding(segments: Segment[], i: number): boolean {
  const gap = segments[i + 1];
  const next = segments[i + 2];
  return canonicalLatin(segments[i]!.text) === 'man' && gap?.kind === 'other' && /^\s+$/.test(gap.text)
    && next?.kind === 'word' && /^(?:et|qil)/.test(canonicalLatin(next.text));
}

/**
 * An initial: one capital and a dot before a capital, glued (I.Karimov, M.Mirziyoyev, I.A.): it
 * converts like any letter even where it looks like a Roman numeral (И.Каримов, М.Мирзиёев). C is
 * no Uzbek letter, so it is left to the Roman numerals.
 */
function isInitial(segments: Segment[], i: number): boolean {
  const next = segments[i + 2];
  return /^[A-BD-Z]$/.test(segments[i]!.text) && segments[i + 1]?.text === '.' && next?.kind === 'word' && /^\p{Lu}/u.test(next.text);
}

/**
 * “ ” become « » where they pair up (“…” → «…»); a quotation mark without its partner stays as the
 * text had it, so a stray ” before a suffix does not turn into ».
 */
function cyrillicQuotes(segments: Segment[]): Segment[] {
  const marks = segments.flatMap((s, i) => (s.kind === 'other' ? [...s.text.matchAll(/[“”]/g)].map((m) => ({ i, at: m.index, q: m[0] })) : []));
  const paired = new Set<(typeof marks)[number]>();
  for (let k = 0; k + 1 < marks.length; k++) {
    if (marks[k]!.q === '“' && marks[k + 1]!.q === '”') { paired.add(marks[k]!); paired.add(marks[k + 1]!); k++; }
  }
  const out = [...segments];
  for (const mark of [...paired].reverse()) {
    const { text } = out[mark.i]!;
    out[mark.i] = { kind: 'other', text: text.slice(0, mark.at) + (mark.q === '“' ? '«' : '»') + text.slice(mark.at + 1) };
  }
  return out;
}

/**
 * Uzbek Latin text to Uzbek Cyrillic. Placeholders, links, e-mail addresses and foreign (brand) words
 * stay as they are; Roman numerals take the Cyrillic Х С М; Cyrillic letters pass through; paired
 * quotation marks “ ” become the « » of Cyrillic typography.
 */
export function latinToCyrillic(text: string, dictionary: Dictionary = EMPTY_DICTIONARY): string {
  const segments = cyrillicQuotes(keepForeignCompounds(segmentText(text.normalize('NFC'))));
  return segments.map((segment, i) => {
    if (segment.kind === 'word') {
      if (isForbidding(segments, i)) return restoreCase(segment.text, [{ at: 0, text: 'манъ' }]);
      if (isInitial(segments, i)) return restoreCase(segment.text, convertByRules(canonicalLatin(segment.text), 0));
      return convertWord(segment.text, dictionary);
    }
    const next = segments[i + 1];
    if (segment.kind === 'other' && next?.kind === 'word') return dropDateHyphen(segment.text, next.text);
    return segment.text;
  }).join('');
}
