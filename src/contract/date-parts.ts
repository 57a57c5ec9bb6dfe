/** A date as typed into the day, month and year boxes, each box's text as it is. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A stored answer the boxes did not make a date of: year, month and day as typed, each without hyphens. */
const TYPED_PARTS = /^([^-]*)-([^-]*)-([^-]*)$/;
const DAY_OR_MONTH = /^\d{1,2}$/;
const YEAR = /^\d{4}$/;

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2023-02-30). */
export function isRealIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * The answer three boxes make: `YYYY-MM-DD` when they name a real date, '' when all are empty, and
 * otherwise year, month and day as typed joined by hyphens ("85-13-" for day empty, month 13, year
 * 85), which the validator refuses with what is missing or wrong, so nothing typed is lost while it
 * is not a date yet. A hyphen typed into a box is dropped: it would move text into another box.
 */
export function joinDateParts(parts: DateParts): string {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((p) => p.replace(/-/g, '').trim()) as [string, string, string];
  if (day === '' && month === '' && year === '') return '';
  if (DAY_OR_MONTH.test(day) && DAY_OR_MONTH.test(month) && YEAR.test(year)) {
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isRealIsoDate(iso)) return iso;
  }
  return `${year}-${month}-${day}`;
}

/** The boxes of a stored answer (joinDateParts read back); all empty for anything else. */
export function splitDateParts(value: string): DateParts {
  const match = TYPED_PARTS.exec(value);
  return match ? { year: match[1]!, month: match[2]!, day: match[3]! } : { day: '', month: '', year: '' };
}

/** Which boxes a person left empty or filled with what is not a date: the ones to mark beside the message. */
export function datePartsAtFault(value: string): (keyof DateParts)[] {
  if (isRealIsoDate(value)) return [];
  const parts = splitDateParts(value);
  const empty = (['day', 'month', 'year'] as const).filter((p) => parts[p].trim() === '');
  if (empty.length > 0) return empty;
  const faults: (keyof DateParts)[] = [];
  const day = Number(parts.day);
  const month = Number(parts.month);
  const year = Number(parts.year);
  const monthOk = DAY_OR_MONTH.test(parts.month) && month >= 1 && month <= 12;
  const yearOk = YEAR.test(parts.year);
  const maxDay = monthOk && yearOk ? daysInMonth(year, month) : 31;
  if (!DAY_OR_MONTH.test(parts.day) || day < 1 || day > maxDay) faults.push('day');
  if (!monthOk) faults.push('month');
  if (!yearOk) faults.push('year');
  return faults.length > 0 ? faults : ['day', 'month', 'year'];
}

/**
 * What is wrong with a date answer that is not a real `YYYY-MM-DD`: one box left empty names it,
 * two or three is incomplete, a year of other than four digits says so, anything else is not a
 * real date (13 for a month, 30 February, letters, or not three boxes' answer at all).
 */
export function datePartsProblem(text: string): 'date_missing_day' | 'date_missing_month' | 'date_missing_year' | 'date_incomplete' | 'date_year_digits' | 'date_format' {
  if (!TYPED_PARTS.test(text)) return 'date_format';
  const parts = splitDateParts(text);
  const empty = (['day', 'month', 'year'] as const).filter((p) => parts[p].trim() === '');
  if (empty.length > 1) return 'date_incomplete';
  if (empty.length === 1) return `date_missing_${empty[0]!}`;
  if (!YEAR.test(parts.year.trim()) && /^\d+$/.test(parts.year.trim())) return 'date_year_digits';
  return 'date_format';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
