/** The app's four locales. uz is Uzbek in Latin script, the source of Uzbek text. */
export const LOCALES = ['uz', 'uz-Cyrl', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text given in every locale; content files must fill all four. */
export type Localized = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
