import { APOSTROPHE_CLASS } from './apostrophes';

/** A piece of text: a word to convert, a piece to keep as it is, or anything else (spaces, digits). */
export interface Segment {
  kind: 'word' | 'keep' | 'other';
  text: string;
}

const A = `[${APOSTROPHE_CLASS}]`;
/** Top-level domains that mark a bare host name such as my.gov.uz as a link. */
const TLD = '(?:uz|com|org|net|ru|gov|edu|info|io|app)';

const PATTERNS = [
  // i18next placeholders and nesting: {{time}}, $t(key)
  ['keep', String.raw`\{\{[^{}]*\}\}|\$t\([^()]*\)`],
  ['keep', String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`],
  ['keep', String.raw`(?:https?:\/\/|www\.)[^\s<>"«»]*[^\s<>"«».,;:!?)]`],
  ['keep', String.raw`(?<![\p{L}\p{N}.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.${TLD}(?:\/[^\s<>"«»]*[^\s<>"«».,;:!?)])?(?![\p{L}\p{N}])`],
  // a word: letters, with apostrophes inside, and a final one after o/g (togʻ written tog')
  ['word', String.raw`\p{L}(?:[\p{L}\p{M}]|${A}(?=\p{L}))*(?:(?<=[oOgG])${A}(?![\p{L}]))?`],
] as const;

const SCANNER = new RegExp(PATTERNS.map(([, p]) => `(${p})`).join('|'), 'gu');

/** Splits text into words, pieces to keep (placeholders, links, e-mail addresses) and the rest. */
export function segmentText(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(SCANNER)) {
    if (match.index > last) segments.push({ kind: 'other', text: text.slice(last, match.index) });
    const group = match.slice(1).findIndex((g) => g !== undefined);
    segments.push({ kind: PATTERNS[group]![0], text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'other', text: text.slice(last) });
  return segments;
}

const ROMAN = /^(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/;

/** A Roman numeral in capitals (XXI asr, II guruh): never converted. */
export function isRomanNumeral(word: string): boolean {
  return ROMAN.test(word);
}
