/** The app's four locales. uz is Uzbek in Latin script, the source of Uzbek text. */
export const LOCALES = ['uz', 'uz-Cyrl', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text given in every locale; content files must fill all four. */
export type Localized = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * WARNING: persistence name. The cookie that tells the server the language a person chose on this
 * phone, so a page it renders (a form link opened again before the app is installed) is in that
 * language. It holds only a locale tag.
 */
export const LOCALE_COOKIE = 'xizmat_locale';

/**
 * The app's name as each language's readers write it: the Uzbek word for "service", in the script of
 * the screen (Russian-speaking Uzbekistan writes Uzbek names in Cyrillic). The header and every page
 * title, the server's included, use it.
 */
export const BRAND: Localized = { uz: 'Xizmat', 'uz-Cyrl': 'Хизмат', ru: 'Хизмат', en: 'Xizmat' };

/** A page's title: what the page is, then the app. */
export function pageTitle(locale: Locale, page?: string | null): string {
  return page ? `${page} · ${BRAND[locale]}` : BRAND[locale];
}
