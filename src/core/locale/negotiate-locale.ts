import { LOCALES, type Locale } from '../../contract/index';

/** The language of the Single Portal's own default, and of most of Xizmat's users. */
export const DEFAULT_LOCALE: Locale = 'uz';

/**
 * Picks the app locale from the browser's preference list, first match wins (RFC 4647 lookup).
 * Written by hand because i18next's detector prefers any exact match anywhere in the list and
 * so turns ['uz-UZ', 'ru-RU', 'en'] into English (reference/i18n.md 3.3).
 */
export function negotiateLocale(preferred: readonly string[]): Locale {
  for (const raw of preferred) {
    const tag = raw.replace(/_/g, '-').toLowerCase();
    const [language, ...subtags] = tag.split('-');
    if (language === 'uz') return subtags.includes('cyrl') ? 'uz-Cyrl' : 'uz';
    const match = LOCALES.find((locale) => locale === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
