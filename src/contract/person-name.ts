/** The autocomplete tokens form files give name questions (docs/forms.md): these take a person's name only. */
export const PERSON_NAME_AUTOCOMPLETE: readonly string[] = ['given-name', 'family-name', 'additional-name'];

/**
 * Between letters of a name: a space, a hyphen (Abdullayev-Kim) and the apostrophes people type for
 * oʻ, gʻ and the tutuq (Oʻgʻiloy, Neʼmat): ʻ ʼ ' ‘ ’ and the backquote many keyboards give for them.
 */
const NAME_MARKS = " \\-'\u2018\u2019`\u02BB\u02BC";
/** Letters of the Latin and Cyrillic scripts (Uzbek in both, Russian, Karakalpak), with combining accents. */
const NAME = new RegExp(`^(?:[\\p{sc=Latin}\\p{sc=Cyrillic}](?<=\\p{L})\\p{M}*|[${NAME_MARKS}])+$`, 'u');
const LETTER = /\p{L}/u;

/**
 * Whether text can be a person's name as Uzbek documents write it: letters in Latin or Cyrillic,
 * spaces, hyphens and apostrophes, with at least one letter. Digits, emoji, symbols and markup are not.
 */
export function isPersonName(text: string): boolean {
  return NAME.test(text) && LETTER.test(text);
}
