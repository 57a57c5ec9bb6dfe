import { type Locale } from '../contract/locales';
/** The person's saved choice, else the best match for the browser's languages. */
export declare function initialLocale(): Locale;
/** Loads only the active language, so other languages cost no bytes until chosen. */
export declare function initI18n(locale?: Locale): Promise<void>;
/** Switches the language everywhere, remembers it on this phone and updates <html lang>. */
export declare function setLocale(locale: Locale): Promise<void>;
export declare function currentLocale(): Locale;
export declare function onLocaleChange(listener: (locale: Locale) => void): () => void;
export declare const t: import("i18next").TFunction<["translation", ...string[]], undefined>;
