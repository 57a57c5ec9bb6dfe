import { isCyrillicInflection, isLatinInflection } from './suffixes';

/*
 * The date hyphen rule (docs/script.md, "The decisions"): Latin writes a hyphen after the number of a year or
 * a day (2026-yil 15-sentabr), Cyrillic does not (2026 йил 15 сентябр). Other ordinals keep their
 * hyphen in both scripts (7-sinf, 7-синф), and a number of years without one is a count (5 yil).
 */

const LATIN = ['yil', 'yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr', 'sentyabr', 'oktyabr'];
const CYRILLIC = ['йил', 'январ', 'феврал', 'март', 'апрел', 'май', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];

function isDateWord(word: string, stems: string[], isInflection: (rest: string) => boolean): 'year' | 'month' | undefined {
  const lower = word.toLowerCase().replace(/ь$/, ''); // a month alone keeps its ь: 15 сентябрь
  const index = stems.findIndex((stem) => lower.startsWith(stem) && isInflection(lower.slice(stem.length)));
  if (index < 0) return undefined;
  return index === 0 ? 'year' : 'month';
}

/** The number that goes with the date word: four digits for a year, one or two for a day. */
function fits(number: string, kind: 'year' | 'month' | undefined): boolean {
  return (kind === 'year' && /^\d{4}$/.test(number)) || (kind === 'month' && /^\d{1,2}$/.test(number));
}

/** Latin `…2026-` before `yil…`: drop the hyphen. `before` is the text ahead of the word. */
export function dropDateHyphen(before: string, word: string): string {
  const match = /(\d+)[-‐‑]$/.exec(before);
  if (!match || !fits(match[1]!, isDateWord(word, LATIN, isLatinInflection))) return before;
  return `${before.slice(0, -1)} `;
}

/** Cyrillic `…2026 ` before `йил…`: add the hyphen Latin needs. */
export function addDateHyphen(before: string, word: string): string {
  const match = /(\d+) $/.exec(before);
  if (!match || !fits(match[1]!, isDateWord(word, CYRILLIC, isCyrillicInflection))) return before;
  return `${before.slice(0, -1)}-`;
}
