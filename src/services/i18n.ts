// Main bundle: keep imports minimal.
import i18next from 'i18next';
import { LOCALE_COOKIE, isLocale, type Locale } from '../contract/locales';
import { negotiateLocale } from '../contract/negotiate-locale';
import { pageSeed } from './page-seed';
import { namespaces, urls } from 'virtual:xizmat-strings';

/** WARNING: persistence key; renaming it forgets every person's language choice. */
const LOCALE_KEY = 'xizmat.locale';
/** The language cookie lasts a year after each choice. */
const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * In the browser each language is one JSON file, fetched for the active language only (data, not
 * script: no parse as code, and kept out of the app's code budget); the build combines a language's
 * namespace files into it (scripts/strings-plugin.ts). The server's renderer and the build's
 * prerender bundle the namespace files in instead.
 */
const stringModules = import.meta.env.SSR
  ? import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { import: 'default' })
  : {};

/** The address of a locale's string file, for the service worker to keep offline. */
export function stringFileUrls(locale: Locale): string[] {
  const url = (urls as Partial<Record<Locale, string>>)[locale];
  return url ? [url] : [];
}

/** Every string file of every locale this build has (older builds' files are no longer among them). */
export function allStringFileUrls(): string[] {
  return Object.values(urls as Partial<Record<Locale, string>>);
}

async function loadStrings(locale: Locale): Promise<Record<string, Record<string, unknown>>> {
  if (import.meta.env.SSR) {
    return Object.fromEntries(await Promise.all(namespaces.map(async (ns) => {
      const load = stringModules[`../../locales/${locale}/${ns}.json`];
      if (!load) throw new Error(`no ${ns} strings for ${locale}`);
      return [ns, await load()] as const;
    })));
  }
  const [url] = stringFileUrls(locale);
  if (!url) throw new Error(`no strings for ${locale}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`strings for ${locale}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, Record<string, unknown>>;
}

async function loadBundle(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'common')) return;
  const loaded = await loadStrings(locale);
  // All or nothing: a language half loaded would show keys instead of words.
  if (namespaces.some((ns) => typeof loaded[ns] !== 'object')) throw new Error(`strings for ${locale} lack a namespace`);
  for (const ns of namespaces) i18next.addResourceBundle(locale, ns, loaded[ns]);
}

/**
 * The person's saved choice, else the language the server rendered this page in (it negotiated
 * Accept-Language by the same rule), else the best match for the browser's languages.
 */
export function initialLocale(): Locale {
  let saved: string | null = null;
  try { saved = localStorage.getItem(LOCALE_KEY); } catch { /* storage blocked: negotiate */ }
  if (isLocale(saved)) return saved;
  return pageSeed()?.locale ?? negotiateLocale(navigator.languages ?? [navigator.language]);
}

/** Loads only the active language, so other languages cost no bytes until chosen. */
export async function initI18n(locale: Locale = initialLocale()): Promise<void> {
  await i18next.init({
    lng: locale,
    supportedLngs: ['uz', 'uz-Cyrl', 'ru', 'en'],
    // Every locale is complete (a test enforces it), so a fallback only ever shows in a bug.
    fallbackLng: false,
    ns: namespaces,
    defaultNS: 'common',
    resources: {},
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await setLocale(locale);
}

/** Switches the language everywhere, remembers it on this phone and updates <html lang>. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadBundle(locale);
  await i18next.changeLanguage(locale);
  // No document when the build prerenders the first screen (src/ui/render-first-screen.tsx).
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try { localStorage.setItem(LOCALE_KEY, locale); } catch { /* private mode: choice lasts this visit */ }
}

/** Remembers a choice the person made, also for the pages the server renders before the app is installed. */
export async function chooseLocale(locale: Locale): Promise<void> {
  await setLocale(locale);
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
}

export function currentLocale(): Locale {
  const lng = i18next.language;
  return isLocale(lng) ? lng : 'uz';
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  const handler = () => listener(currentLocale());
  i18next.on('languageChanged', handler);
  return () => i18next.off('languageChanged', handler);
}

export const t = i18next.t.bind(i18next);
