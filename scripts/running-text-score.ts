import { createHash } from 'node:crypto';
import { APOSTROPHE_CLASS } from '../src/core/script/apostrophes';
import { canonicalLatin } from '../src/core/script/dictionary';

/*
 * Word accuracy on running text (docs/script.md, "The running-text evaluation"): every word of every
 * text counts, as often as it occurs, not once per distinct word. The converted text and the reference
 * are cut into words and aligned by their longest common subsequence, so one word too many or too few
 * does not make the rest of the text wrong.
 */

/** The same text in both scripts. */
export interface Segment { id: string; latin: string; cyrillic: string }

const A = `[${APOSTROPHE_CLASS}]`;
/** A word: letters, apostrophes inside, and one after o or g (togʻ written tog'). Digits part words. */
const WORD = new RegExp(String.raw`\p{L}(?:[\p{L}\p{M}]|${A}(?=\p{L}))*(?:(?<=[oOgG])${A}(?!\p{L}))?`, 'gu');

/**
 * The words of a text in lower case, apostrophes written canonically (oʻ gʻ, the tutuq ʼ). Case is not
 * compared: where the two scripts' texts differ in case (CLDR's Dushanba and душанба), the sources
 * differ, not the conversion.
 */
export function words(text: string): string[] {
  return [...text.normalize('NFC').matchAll(WORD)]
    .map((m) => canonicalLatin(m[0]));
}

export const countWords = (texts: string[]) => texts.reduce((n, t) => n + words(t).length, 0);

/** A reference word the conversion got wrong, and what it gave instead ('' when it gave nothing). */
export interface WordError { expected: string; got: string }

/** Aligns output words to reference words; returns how many reference words were matched, and the rest. */
export function alignWords(output: string[], reference: string[]): { correct: number; errors: WordError[] } {
  const n = output.length;
  const m = reference.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = output[i] === reference[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const errors: WordError[] = [];
  let gapOut: string[] = [];
  let gapRef: string[] = [];
  const closeGap = () => {
    // a gap of as many output as reference words pairs them in order; otherwise the reference words
    // are shown against the whole output of the gap
    gapRef.forEach((expected, k) => errors.push({ expected, got: gapOut.length === gapRef.length ? gapOut[k]! : gapOut.join(' ') }));
    gapOut = [];
    gapRef = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && output[i] === reference[j]) { closeGap(); i++; j++; }
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) gapRef.push(reference[j++]!);
    else gapOut.push(output[i++]!);
  }
  closeGap();
  return { correct: lcs[0]![0]!, errors };
}

export interface RunningScore { correct: number; total: number; errors: WordError[] }

/** Word accuracy of a conversion over texts: each text converted whole, then compared word by word. */
export function scoreRunningText(
  segments: Segment[],
  convert: (s: Segment) => string,
  reference: (s: Segment) => string,
): RunningScore {
  let correct = 0;
  let total = 0;
  const errors: WordError[] = [];
  for (const segment of segments) {
    const expected = words(reference(segment));
    const result = alignWords(words(convert(segment)), expected);
    correct += result.correct;
    total += expected.length;
    errors.push(...result.errors);
  }
  return { correct, total, errors };
}

/** Reads a running-text TSV (`#` comment lines, then a header `id latin cyrillic`). */
export function parseSegments(tsv: string): Segment[] {
  return tsv.split('\n').filter((line) => line !== '' && !line.startsWith('#')).slice(1).map((line) => {
    const [id, latin, cyrillic] = line.split('\t');
    return { id: id!, latin: latin!, cyrillic: cyrillic! };
  });
}

/**
 * Half of the texts, fixed by a hash of their id: errors are read on the dev half only, so the
 * held-out half stays unseen by whoever changes the rules.
 */
export const isHeldOut = (segment: Segment) => createHash('sha256').update(segment.id).digest()[0]! % 2 === 1;
