import { useState } from 'preact/hooks';
import type { Locale } from '../../contract/locales';
import { chooseLocale } from '../../services/i18n';
import { useT } from '../use-t';

/** Each language named in itself; a person's script cannot be guessed from the device. */
const NATIVE_NAMES: Record<Locale, string> = { uz: 'Oʻzbekcha', 'uz-Cyrl': 'Ўзбекча', ru: 'Русский', en: 'English' };

export function LanguageSwitcher() {
  const { t, locale } = useT();
  // A language never used on this phone comes from the network: offline it cannot be switched to yet.
  const [missing, setMissing] = useState(false);
  const choose = (code: Locale) => chooseLocale(code).then(() => setMissing(false), () => setMissing(true));
  return (
    <nav class="lang" aria-label={t('lang.label')}>
      <ul>
        {(Object.keys(NATIVE_NAMES) as Locale[]).map((code) => (
          <li key={code}>
            <button type="button" lang={code} aria-pressed={code === locale} onClick={() => void choose(code)}>
              {NATIVE_NAMES[code]}
            </button>
          </li>
        ))}
      </ul>
      {missing ? <p class="lang-missing" role="alert">{t('lang.notOnPhone')}</p> : null}
    </nav>
  );
}
