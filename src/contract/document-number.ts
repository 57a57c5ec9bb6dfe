/** Cyrillic capitals that look like Latin ones, as people type them on a Russian layout (docs/forms.md, "Fields"). */
const LOOK_ALIKES: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X' };
/** Passport and ID-card numbers: two series letters, seven digits. The series list changes, so it is not checked. */
const DOCUMENT_NUMBER = /^[A-Z]{2}\d{7}$/;

/** A passport or ID-card number in its stored form: upper case, no spaces or dashes, Latin letters. */
export function normalizeDocumentNumber(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s\-]/g, '')
    .replace(/[АВЕКМНОРСТХ]/g, (letter) => LOOK_ALIKES[letter]!);
}

export function isDocumentNumber(raw: string): boolean {
  return DOCUMENT_NUMBER.test(normalizeDocumentNumber(raw));
}
