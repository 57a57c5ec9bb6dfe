/*
 * Uzbek suffixes, so that an exception stem still applies to inflected words: konsert → концерт,
 * so konsertlarda → концертларда. A remainder counts as inflection only when it splits wholly into
 * these pieces. Only what nouns and adjectives take; verbs are not in the exception lists.
 */

const LATIN = [
  'lar', 'ning', 'ni', 'ga', 'ka', 'qa', 'da', 'ta', 'dan', 'tan', 'dagi', 'gi', 'ki', 'gacha', 'dek', 'day',
  'cha', 'im', 'm', 'ing', 'ng', 'i', 'si', 'imiz', 'miz', 'ingiz', 'ngiz', 'lari', 'li', 'lik', 'ligi',
  'siz', 'chi', 'mi', 'ku', 'u', 'yu', 'dir', 'man', 'san', 'ning', 'ni', 'lash', 'gina', 'lari',
];
const CYRILLIC = [
  'лар', 'нинг', 'ни', 'га', 'ка', 'қа', 'да', 'та', 'дан', 'тан', 'даги', 'ги', 'ки', 'гача', 'дек', 'дай',
  'ча', 'им', 'м', 'инг', 'нг', 'и', 'си', 'имиз', 'миз', 'ингиз', 'нгиз', 'лари', 'ли', 'лик', 'лиги',
  'сиз', 'чи', 'ми', 'ку', 'у', 'ю', 'дир', 'ман', 'сан', 'лаш', 'гина',
];

function splitsInto(rest: string, pieces: readonly string[]): boolean {
  const reachable = [true, ...Array<boolean>(rest.length).fill(false)];
  for (let i = 0; i < rest.length; i++) {
    if (!reachable[i]) continue;
    for (const piece of pieces) if (rest.startsWith(piece, i)) reachable[i + piece.length] = true;
  }
  return reachable[rest.length]!;
}

/** True when a Latin remainder (lower case) is a chain of suffixes. */
export const isLatinInflection = (rest: string) => splitsInto(rest, LATIN);
/** True when a Cyrillic remainder (lower case) is a chain of suffixes. */
export const isCyrillicInflection = (rest: string) => splitsInto(rest, CYRILLIC);

/** The shortest stem an exception may match inside a longer word (rol, rul, nol have three letters). */
const MIN_STEM_LENGTH = 3;

/** The longest dictionary stem that starts the word and leaves only suffixes, or undefined. */
export function findStem(
  word: string,
  has: (stem: string) => boolean,
  isInflection: (rest: string) => boolean,
): string | undefined {
  for (let end = word.length - 1; end >= MIN_STEM_LENGTH; end--) {
    const stem = word.slice(0, end);
    if (has(stem) && isInflection(word.slice(end))) return stem;
  }
  return undefined;
}
