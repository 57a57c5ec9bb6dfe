import { useState } from 'preact/hooks';
import type { Locale } from '../../contract/locales';
import { chooseLocale } from '../../services/i18n';
import { useDisclosure } from '../use-disclosure';
import { useT } from '../use-t';

/** Each language named in itself; a person's script cannot be guessed from the device. */
const NATIVE_NAMES: Record<Locale, string> = { uz: 'Oʻzbekcha', 'uz-Cyrl': 'Ўзбекча', ru: 'Русский', en: 'English' };
/** The menu's button shows the start of the name, so the header fits one row at 320 px; its name is whole. */
const SHORT_NAMES: Record<Locale, string> = { uz: 'Oʻz', 'uz-Cyrl': 'Ўзб', ru: 'Рус', en: 'Eng' };

/** A menu of the four languages, named in themselves, whose button shows the one in use. */
export function LanguageSwitcher() {
  const { t, locale } = useT();
  const menu = useDisclosure();
  // A language never used on this phone comes from the network: offline it cannot be switched to yet.
  const [missing, setMissing] = useState(false);
  const choose = (code: Locale) => chooseLocale(code).then(() => setMissing(false), () => setMissing(true));
  return (
    <div class="lang">
      <details class="menu" ref={menu}>
        <summary data-testid="language-button">
          <span aria-hidden="true" lang={locale}>{SHORT_NAMES[locale]}</span>
          <span class="visually-hidden">{t('lang.label')}: <span lang={locale}>{NATIVE_NAMES[locale]}</span></span>
        </summary>
        <ul class="menu-panel" aria-label={t('lang.label')}>
          {(Object.keys(NATIVE_NAMES) as Locale[]).map((code) => (
            <li key={code}>
              <button type="button" lang={code} aria-pressed={code === locale} onClick={() => void choose(code)}>
                {NATIVE_NAMES[code]}
              </button>
            </li>
          ))}
        </ul>
      </details>
      {missing ? <p class="lang-missing" role="alert">{t('lang.notOnPhone')}</p> : null}
    </div>
  );
}
