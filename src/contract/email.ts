/**
 * One @, no spaces, a dot in the domain: the check forms need (a typo guard), not RFC 5322.
 * Whether the address exists only a sent message can tell.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** RFC 5321's limit on a whole address. */
const MAX_EMAIL_CHARS = 254;

export function isEmail(text: string): boolean {
  return text.length <= MAX_EMAIL_CHARS && EMAIL.test(text);
}
