import { useEffect, useState } from 'preact/hooks';
import type { Localized } from '../contract/locales';
import { currentLocale, onLocaleChange, t } from '../services/i18n';

/** The translate function and locale; re-renders the caller when the language changes. */
export function useT() {
  const [locale, setLocale] = useState(currentLocale());
  useEffect(() => onLocaleChange(setLocale), []);
  /** Picks this locale's text from content (service names, form labels). */
  const pick = (text: Localized) => text[locale];
  return { t, locale, pick };
}
