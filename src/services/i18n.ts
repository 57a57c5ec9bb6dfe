// Main bundle: keep imports minimal.
import i18next from 'i18next';
import { LOCALE_COOKIE, isLocale, type Locale } from '../contract/locales';
import { negotiateLocale } from '../contract/negotiate-locale';
import { pageSeed } from './page-seed';

/** WARNING: persistence key; renaming it forgets every person's language choice. */
const LOCALE_KEY = 'xizmat.locale';
/** The language cookie lasts a year after each choice. */
const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * Every namespace file of every locale. In the browser they are JSON files fetched for the active
 * locale only (data, not script: no parse as code, and kept out of the app's code budget); the
 * server's renderer and the build's prerender bundle them in.
 */
const stringUrls = import.meta.env.SSR
  ? {}
  : import.meta.glob<string>('../../locales/*/*.json', { query: '?url', import: 'default', eager: true });
const stringModules = import.meta.env.SSR
  ? import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { import: 'default' })
  : {};
const NAMESPACES = [...new Set(Object.keys({ ...stringUrls, ...stringModules }).map((path) => path.split('/').at(-1)!.replace('.json', '')))];

/** The address of each of a locale's string files, for the service worker to keep offline. */
export function stringFileUrls(locale: Locale): string[] {
  return NAMESPACES.map((ns) => stringUrls[`../../locales/${locale}/${ns}.json`]).filter((url): url is string => Boolean(url));
}

/** Every string file of every locale this build has (older builds' files are no longer among them). */
export function allStringFileUrls(): string[] {
  return Object.values(stringUrls);
}

async function loadStrings(locale: Locale, ns: string): Promise<Record<string, unknown>> {
  const key = `../../locales/${locale}/${ns}.json`;
  const load = stringModules[key];
  if (load) return load();
  const url = stringUrls[key];
  if (!url) throw new Error(`no ${ns} strings for ${locale}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${ns} strings for ${locale}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

async function loadBundle(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'common')) return;
  const loaded = await Promise.all(NAMESPACES.map(async (ns) => [ns, await loadStrings(locale, ns)] as const));
  // All or nothing: a language half loaded would show keys instead of words.
  for (const [ns, strings] of loaded) i18next.addResourceBundle(locale, ns, strings);
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
    ns: NAMESPACES,
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
