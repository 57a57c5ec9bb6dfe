import { LATIN_ABBREVIATIONS } from '../../contract/latin-abbreviations';
import { TURNED_COMMA, TUTUQ } from './apostrophes';

/** Latin brand names with nothing un-Uzbek in their spelling; the rest are caught by their letters. */
const BRANDS = new Set([
  'pepsi', 'starlink', 'google', 'android', 'apple', 'samsung', 'visa', 'mastercard', 'payme', 'humans',
  'ios', 'linux', 'gmail', 'xiaomi', 'huawei', 'oneid',
]);

/** Letters of the Uzbek Latin alphabets (1995, and the 2026 ş ç ö ğ ñ), the two apostrophes, and
 * Cyrillic look-alikes that slipped into Latin text (they pass through). */
const UZBEK_LATIN = new RegExp(`^[a-zşçöğñ${TURNED_COMMA}${TUTUQ}\\p{Script=Cyrillic}]+$`, 'u');
/**
 * An Uzbek abbreviation in capitals with digraphs in mixed case, maybe with suffixes: JShShIR,
 * FHDYo, MChJ, AQSh, JShShIRdagi.
 */
const ABBREVIATION = new RegExp(`^(?:[A-Z]|[SC]h|Ng|Y[aoue]|[OG]${TURNED_COMMA})+[a-z${TURNED_COMMA}${TUTUQ}]*$`, 'u');

/**
 * True for a Latin word that is not Uzbek and must stay as written: a known brand or Latin
 * abbreviation, a word with c (not in ch), w or letters outside the Uzbek alphabet (Coca, WhatsApp,
 * café), or capitals inside (iPhone, OneID) that are not an Uzbek abbreviation.
 */
export function isForeignWord(word: string, canonical = word.toLowerCase()): boolean {
  if (!/[A-Za-z]/.test(word)) return false; // Cyrillic: passes through anyway
  if (BRANDS.has(canonical) || LATIN_ABBREVIATIONS.has(word)) return true;
  if (!UZBEK_LATIN.test(canonical)) return true;
  if (/w|c(?!h)/.test(canonical)) return true;
  return /\p{Ll}\p{Lu}/u.test(word) && !ABBREVIATION.test(word);
}
