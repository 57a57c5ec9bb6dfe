import type { Locale } from '../../contract/locales';
import { MONTHS_CYRILLIC, MONTHS_LATIN } from './uzbek-calendar';

/** `long`: 2026-yil 15-sentabr, 2026 йил 15 сентябр; `numeric`: 15.09.2026. */
export type DateStyle = 'long' | 'numeric';

const two = (n: number) => String(n).padStart(2, '0');

/** Intl locale for the languages Chromium has data for; en-GB puts the day first, as Uzbekistan does. */
export const INTL_LOCALE = { ru: 'ru', en: 'en-GB' } as const;

export function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * A calendar date in the phone's time zone: the official Uzbek style for uz and uz-Cyrl (the date
 * hyphen rule: Latin 2026-yil 15-sentabr, Cyrillic 2026 йил 15 сентябр), Intl for ru and en.
 */
export function formatDate(value: Date | string | number, locale: Locale, style: DateStyle = 'long'): string {
  const date = toDate(value);
  const day = date.getDate();
  const month = date.getMonth();
  const year = date.getFullYear();
  if (locale === 'uz' || locale === 'uz-Cyrl') {
    if (style === 'numeric') return `${two(day)}.${two(month + 1)}.${year}`;
    return locale === 'uz' ? `${year}-yil ${day}-${MONTHS_LATIN[month]}` : `${year} йил ${day} ${MONTHS_CYRILLIC[month]}`;
  }
  if (style === 'numeric') return `${two(day)}.${two(month + 1)}.${year}`;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long' }).format(date);
}

/** Hours and minutes on the 24-hour clock, as everyone in Uzbekistan writes them: 14:05. */
export function formatTime(value: Date | string | number): string {
  const date = toDate(value);
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}
