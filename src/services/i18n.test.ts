import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCALE_COOKIE } from '../contract/locales';
import { chooseLocale, currentLocale, initI18n, initialLocale, onLocaleChange, setLocale, t } from './i18n';
import { setPageSeed } from './page-seed';

/** localStorage as a page has it, backed by a plain map. */
function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

beforeEach(() => {
  vi.stubGlobal('navigator', { language: 'en-US', languages: ['en-US'] });
  vi.stubGlobal('localStorage', memoryStorage());
  setPageSeed(null);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setPageSeed(null);
});

describe('initialLocale', () => {
  it('keeps the language the person chose on this phone over the page and the browser', () => {
    vi.stubGlobal('localStorage', memoryStorage({ 'xizmat.locale': 'ru' }));
    setPageSeed({ path: '/', locale: 'uz' });
    expect(initialLocale()).toBe('ru');
  });

  it('ignores a saved value that is no locale and takes the language the server rendered the page in', () => {
    vi.stubGlobal('localStorage', memoryStorage({ 'xizmat.locale': 'klingon' }));
    setPageSeed({ path: '/', locale: 'uz-Cyrl' });
    expect(initialLocale()).toBe('uz-Cyrl');
  });

  it('negotiates the browser’s languages in order, first match wins', () => {
    vi.stubGlobal('navigator', { language: 'de', languages: ['de-DE', 'ru-RU', 'en'] });
    expect(initialLocale()).toBe('ru');
    vi.stubGlobal('navigator', { language: 'uz', languages: ['uz-Cyrl-UZ', 'en'] });
    expect(initialLocale()).toBe('uz-Cyrl');
  });

  it('falls back to Uzbek when nothing matches, and still negotiates when storage is blocked', () => {
    vi.stubGlobal('navigator', { language: 'fr', languages: ['fr-FR'] });
    expect(initialLocale()).toBe('uz');
    vi.stubGlobal('localStorage', { getItem: () => { throw new Error('SecurityError'); } });
    vi.stubGlobal('navigator', { language: 'en', languages: ['en'] });
    expect(initialLocale()).toBe('en');
  });
});

describe('loading and switching languages', () => {
  it('loads the chosen language’s strings, every namespace, and translates with them', async () => {
    await initI18n('ru');
    expect(currentLocale()).toBe('ru');
    expect(t('home.title')).toBe('Государственные услуги');
    // A key of another namespace than common is there too, not echoed back as its key.
    expect(t('status:title')).not.toBe('title');
  });

  it('switches everywhere, tells listeners, sets <html lang> and remembers the choice', async () => {
    await initI18n('uz');
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('document', { documentElement: { lang: 'uz' }, cookie: '' });
    const heard: string[] = [];
    const stop = onLocaleChange((locale) => heard.push(locale));
    await setLocale('en');
    expect(t('home.title')).toBe('Public services');
    expect(heard).toEqual(['en']);
    expect(document.documentElement.lang).toBe('en');
    expect(storage.map.get('xizmat.locale')).toBe('en');
    stop();
    await setLocale('uz');
    expect(t('home.title')).toBe('Davlat xizmatlari');
    expect(heard).toEqual(['en']);
  });

  it('a choice the person makes also goes into the cookie the server renders pages by', async () => {
    await initI18n('uz');
    vi.stubGlobal('document', { documentElement: { lang: 'uz' }, cookie: '' });
    await chooseLocale('uz-Cyrl');
    expect(document.cookie).toMatch(new RegExp(`^${LOCALE_COOKIE}=uz-Cyrl;.*path=/`));
    expect(currentLocale()).toBe('uz-Cyrl');
  });
});
