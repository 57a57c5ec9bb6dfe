/** Digits with an optional sign and one decimal separator, after spaces are dropped. */
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/**
 * Reads a number typed the way people in Uzbekistan write it: "1 500", "1 500 000", "2,5" or "2.5"
 * (any space, no-break spaces included). Returns null when it is not a number.
 */
export function parseNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00A0\u202F]/g, '');
  if (!NUMBER.test(compact)) return null;
  return Number(compact.replace(',', '.'));
}
