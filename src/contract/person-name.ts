/** The autocomplete tokens form files give name questions (docs/forms.md): these take a person's name only. */
export const PERSON_NAME_AUTOCOMPLETE: readonly string[] = ['given-name', 'family-name', 'additional-name'];

/**
 * Letters of the Latin and Cyrillic scripts (Uzbek in both, Russian, Karakalpak), with combining
 * accents; between them a space, a hyphen (Abdullayev-Kim) and the apostrophes people type for oʻ, gʻ
 * and the tutuq (Oʻgʻiloy, Neʼmat): ʻ ʼ ' ‘ ’ and the backquote many keyboards give for them. A literal,
 * not `new RegExp`: a call at the top of a module keeps the whole module in every bundle that imports
 * its folder's index (it cost the first screen 4.8 KB).
 */
const NAME = /^(?:[\p{sc=Latin}\p{sc=Cyrillic}](?<=\p{L})\p{M}*|[ \-'\u2018\u2019`\u02BB\u02BC])+$/u;
const LETTER = /\p{L}/u;

/**
 * Whether text can be a person's name as Uzbek documents write it: letters in Latin or Cyrillic,
 * spaces, hyphens and apostrophes, with at least one letter. Digits, emoji, symbols and markup are not.
 */
export function isPersonName(text: string): boolean {
  return NAME.test(text) && LETTER.test(text);
}
