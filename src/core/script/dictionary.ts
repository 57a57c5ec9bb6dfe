import { APOSTROPHE_CLASS, TURNED_COMMA, TUTUQ } from './apostrophes';

/** Exception words, keyed by the source word in lower case with canonical apostrophes. */
export type Dictionary = ReadonlyMap<string, string>;

export const EMPTY_DICTIONARY: Dictionary = new Map();

const AFTER_O_OR_G = new RegExp(`(?<=[og])[${APOSTROPHE_CLASS}]`, 'g');
const OTHER_APOSTROPHE = new RegExp(`[${APOSTROPHE_CLASS.replace(TURNED_COMMA, '')}]`, 'g');

/** A Latin word in lower case with oʻ gʻ (U+02BB) and the tutuq (U+02BC) written canonically. */
export function canonicalLatin(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(AFTER_O_OR_G, TURNED_COMMA).replace(OTHER_APOSTROPHE, TUTUQ);
}

/**
 * Reads `source,target` lines (UzTransliterator's exword CSV format). Blank lines and lines starting
 * with `#` are skipped. `sourceIsLatin` says which column to make canonical.
 */
export function parseDictionary(csv: string, sourceIsLatin: boolean): Map<string, string> {
  const dictionary = new Map<string, string>();
  for (const line of csv.split(/\r?\n/)) {
    const trimmed = line.replace(/^\uFEFF/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [source, target] = trimmed.split(',').map((s) => s.trim());
    if (!source || !target) throw new Error(`bad dictionary line: ${line}`);
    const latin = sourceIsLatin ? source : target;
    const cyrillic = sourceIsLatin ? target : source;
    const key = sourceIsLatin ? canonicalLatin(latin) : cyrillic.normalize('NFC').toLowerCase();
    const value = sourceIsLatin ? cyrillic.normalize('NFC').toLowerCase() : canonicalLatin(latin);
    dictionary.set(key, value);
  }
  return dictionary;
}

/** Later dictionaries win: the project's reviewed entries go last. */
export function mergeDictionaries(...dictionaries: Dictionary[]): Dictionary {
  return new Map(dictionaries.flatMap((d) => [...d]));
}
