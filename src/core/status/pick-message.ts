import type { Locale, StatusMessage } from '../../contract/index';

/**
 * Which language to show an agency's message in when it did not write one in the person's: an
 * officer's words are never machine-transliterated (they may hold names), so Uzbek Cyrillic
 * readers get the Latin original, and everyone else the nearest language given.
 */
const FALLBACKS: Record<Locale, readonly Locale[]> = {
  uz: ['uz', 'uz-Cyrl', 'ru', 'en'],
  'uz-Cyrl': ['uz-Cyrl', 'uz', 'ru', 'en'],
  ru: ['ru', 'uz', 'uz-Cyrl', 'en'],
  en: ['en', 'ru', 'uz', 'uz-Cyrl'],
};

export function pickMessage(message: StatusMessage | null | undefined, locale: Locale): string | null {
  if (!message) return null;
  for (const candidate of FALLBACKS[locale]) {
    const text = message[candidate]?.trim();
    if (text) return text;
  }
  return null;
}
