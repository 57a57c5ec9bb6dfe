/** U+02BB MODIFIER LETTER TURNED COMMA: the canonical mark in oʻ and gʻ (CLDR, Unicode). */
export const TURNED_COMMA = '\u02BB';
/** U+02BC MODIFIER LETTER APOSTROPHE: the canonical tutuq belgisi (maʼno, sanʼat). */
export const TUTUQ = '\u02BC';

/**
 * Every character people type for oʻ, gʻ and the tutuq: ' ‘ ’ ` ´ ʻ ʼ ʹ ʽ ′ ＇ (docs/script.md,
 * "Apostrophes"). Used inside a regex character class.
 */
export const APOSTROPHE_CLASS = "'\u2018\u2019`\u00B4\u02BB\u02BC\u02B9\u02BD\u2032\uFF07";

/** A global regex matching one apostrophe-class character. */
export const APOSTROPHES = new RegExp(`[${APOSTROPHE_CLASS}]`, 'gu');
