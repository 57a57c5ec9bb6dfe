import { LOCALES, type Locale } from './locales';

/** The language of the Single Portal's own default, and of most of Xizmat's users. */
const DEFAULT_LOCALE: Locale = 'uz';

/**
 * Picks the app locale from the browser's preference list, first match wins (RFC 4647 lookup).
 * Written by hand because i18next's detector prefers any exact match anywhere in the list and
 * so turns ['uz-UZ', 'ru-RU', 'en'] into English.
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

/** Most tags an Accept-Language header is read for: a browser sends a handful. */
const MAX_ACCEPT_LANGUAGE_TAGS = 20;

/**
 * The tags of an Accept-Language header, most preferred first (RFC 9110 12.5.4): what the server
 * negotiates a first visit's page with, by the same rule the app uses for navigator.languages.
 * Malformed entries and q=0 are skipped; equal weights keep their order.
 */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  const weighted: Array<{ tag: string; q: number; at: number }> = [];
  for (const [at, part] of header.split(',').slice(0, MAX_ACCEPT_LANGUAGE_TAGS).entries()) {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag!.trim();
    if (!/^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0 && q <= 1)) continue;
    weighted.push({ tag, q, at });
  }
  return weighted.sort((a, b) => b.q - a.q || a.at - b.at).map((w) => w.tag);
}
