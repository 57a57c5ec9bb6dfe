/** ICAO 9303 weights, repeated over the first 13 digits (docs/forms.md, "Fields": PINFL). */
const CHECK_WEIGHTS = [7, 3, 1] as const;
/** First digit to century of birth: 1/2 are the 1800s, 3/4 the 1900s, 5/6 the 2000s. */
const CENTURY_BY_FIRST_DIGIT: Record<string, number> = { '1': 1800, '2': 1800, '3': 1900, '4': 1900, '5': 2000, '6': 2000 };

type PinflProblem = 'pinfl_format' | 'pinfl_date' | 'pinfl_checksum';

/**
 * A PINFL as stored: people copy it from a card in groups ("3150 7900 0100 13") or with dashes, and
 * none of those are part of it.
 */
export function normalizePinfl(raw: string): string {
  return raw.replace(/[\s\-\u2010-\u2015]/g, '');
}

/**
 * Checks a PINFL (JShShIR): 14 digits, a valid century digit and birth date, non-zero area and
 * serial. A failed check digit is reported separately so callers can treat it as a warning:
 * the algorithm is community-documented, not published by the state.
 */
export function checkPinfl(value: string): PinflProblem | null {
  if (!/^\d{14}$/.test(value)) return 'pinfl_format';
  const century = CENTURY_BY_FIRST_DIGIT[value[0]!];
  if (century === undefined) return 'pinfl_format';
  const day = Number(value.slice(1, 3));
  const month = Number(value.slice(3, 5));
  const year = century + Number(value.slice(5, 7));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || date.getTime() > Date.now()) return 'pinfl_date';
  if (value.slice(7, 10) === '000' || value.slice(10, 13) === '000') return 'pinfl_format';
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(value[i]) * CHECK_WEIGHTS[i % 3]!;
  return sum % 10 === Number(value[13]) ? null : 'pinfl_checksum';
}
