import type { Locale } from '../../contract/locales';

/** No-break space: groups digits and joins an amount to its unit, so neither wraps apart. */
const NBSP = '\u00A0';

/** The Uzbek sum in each locale; Intl has no Uzbek currency name in Chromium (docs/script.md, "Dates, numbers and money"). */
const SOM: Record<Locale, string> = { uz: 'soʻm', 'uz-Cyrl': 'сўм', ru: 'сум', en: 'UZS' };

interface NumberOptions {
  /** Digits after the decimal comma, at most; 0 unless given. */
  maximumFractionDigits?: number;
}

/** Uzbek style, for uz and uz-Cyrl: 1 250 000 and 4,5 (no-break space groups, decimal comma). */
function formatUzbek(value: number, maximumFractionDigits: number): string {
  const [whole, fraction] = Math.abs(value).toFixed(maximumFractionDigits).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const trimmed = fraction?.replace(/0+$/, '');
  const sign = value < 0 && Number(`${whole}.${fraction ?? 0}`) !== 0 ? '-' : '';
  return `${sign}${grouped}${trimmed ? `,${trimmed}` : ''}`;
}

/** A number as people read it: our own Uzbek style for uz and uz-Cyrl, Intl for ru and en. */
export function formatNumber(value: number, locale: Locale, options: NumberOptions = {}): string {
  const maximumFractionDigits = options.maximumFractionDigits ?? 0;
  if (locale === 'uz' || locale === 'uz-Cyrl') return formatUzbek(value, maximumFractionDigits);
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/**
 * An amount in soʻm: 1 250 000 soʻm, 1 250 000 сўм, 1 250 000 сум, UZS 1,250,000; whole unless
 * asked for digits after the comma (an amount from tiyin: 2).
 */
export function formatMoney(amount: number, locale: Locale, options: NumberOptions = {}): string {
  const number = formatNumber(amount, locale, options);
  return locale === 'en' ? `${SOM.en}${NBSP}${number}` : `${number}${NBSP}${SOM[locale]}`;
}
