import { APOSTROPHE_CLASS, TURNED_COMMA, TUTUQ } from './apostrophes';

const AFTER_O_OR_G = new RegExp(`([oOgG])[${APOSTROPHE_CLASS}]`, 'g');
const BETWEEN_LETTERS = new RegExp(`(?<=\\p{L})(?<![oOgG])[${APOSTROPHE_CLASS}](?=\\p{L})`, 'gu');
/** Invisible characters pasted from documents and chat apps: zero-width space, BOM, soft hyphen. */
const INVISIBLE = /[\u200B\uFEFF\u00AD]/g;
/** Horizontal white space, including no-break and narrow no-break spaces. */
const SPACES = /[^\S\n]+/g;

/**
 * The canonical stored form of typed text (docs/script.md, "Normalising what people type"): NFC;
 * invisible characters removed; white space trimmed and collapsed (line breaks kept, blank-line
 * runs cut to one); any apostrophe variant after o/O/g/G becomes U+02BB (oʻ gʻ) and any other one
 * between letters becomes U+02BC (the tutuq belgisi, maʼno). Idempotent. Keep the raw input beside
 * it for legal fields.
 */
export function normalizeInput(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(AFTER_O_OR_G, `$1${TURNED_COMMA}`)
    .replace(BETWEEN_LETTERS, TUTUQ);
}
