/**
 * Mobile and fixed-line area prefixes that exist in Uzbekistan today (reference/i18n.md 4.5).
 * Issue 4 replaces this with libphonenumber-js; the accepted set is the same.
 */
const UZ_PREFIXES = /^(20|33|50|55|61|62|65|66|67|69|70|71|72|73|74|75|76|77|79|88|90|91|93|94|95|97|98|99)\d{7}$/;

/**
 * Normalises an Uzbek phone number typed any common way (+998 90 123-45-67, 998901234567,
 * 901234567, the legacy trunk 8 90 123 45 67) to E.164, or returns null when it is not one.
 */
export function normalizeUzPhone(raw: string): string | null {
  let digits = raw.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  digits = digits.replace(/^\+/, '');
  if (digits.length === 12 && digits.startsWith('998')) digits = digits.slice(3);
  else if (digits.length === 10 && digits.startsWith('8')) digits = digits.slice(1);
  return UZ_PREFIXES.test(digits) ? `+998${digits}` : null;
}
