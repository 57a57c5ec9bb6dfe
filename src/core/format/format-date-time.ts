import type { Locale } from '../../contract/locales';
import { formatDate, formatTime, INTL_LOCALE, toDate, type DateStyle } from './format-date';

/**
 * A date and time in the phone's time zone. Uzbek: 2026-yil 15-sentabr, 14:05 and
 * 2026 йил 15 сентябр, 14:05 (numeric: 15.09.2026 14:05); ru and en through Intl.
 */
export function formatDateTime(value: Date | string | number, locale: Locale, style: DateStyle = 'long'): string {
  const date = toDate(value);
  if (locale === 'uz' || locale === 'uz-Cyrl' || style === 'numeric') {
    return `${formatDate(date, locale, style)}${style === 'long' ? ',' : ''} ${formatTime(date)}`;
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
