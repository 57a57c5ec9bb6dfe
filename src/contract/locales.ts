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
