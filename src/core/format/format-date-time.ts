import type { Locale } from '../../contract/index';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date and time as people read it in each locale. Uzbek uses the official numeric style
 * (15.09.2026 14:05) because desktop Chromium has no Uzbek Latin date data (reference/i18n.md
 * 3.2); the full Uzbek formatter is issue 6.
 */
export function formatDateTime(iso: string | number, locale: Locale): string {
  const date = new Date(iso);
  if (locale === 'uz' || locale === 'uz-Cyrl') {
    return `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
  }
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
