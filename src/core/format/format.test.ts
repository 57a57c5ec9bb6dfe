import { describe, expect, it } from 'vitest';
import type { Locale } from '../../contract/locales';
import { formatDate, formatTime } from './format-date';
import { formatDateTime } from './format-date-time';
import { formatMoney, formatNumber } from './format-number';

const NBSP = '\u00A0';
const n = (s: string) => s.replace(/ /g, NBSP);
/** 15 September 2026, 14:05 on the phone's clock. */
const date = new Date(2026, 8, 15, 14, 5);

describe('formatDate', () => {
  it.each<[Locale, string, string]>([
    ['uz', '2026-yil 15-sentabr', '15.09.2026'],
    ['uz-Cyrl', '2026 йил 15 сентябр', '15.09.2026'],
    ['ru', '15 сентября 2026 г.', '15.09.2026'],
    ['en', '15 September 2026', '15.09.2026'],
  ])('%s: long %j, numeric %j', (locale, long, numeric) => {
    expect(formatDate(date, locale)).toBe(long);
    expect(formatDate(date, locale, 'numeric')).toBe(numeric);
  });

  it.each([
    [0, '2026-yil 1-yanvar', '2026 йил 1 январ'],
    [1, '2026-yil 1-fevral', '2026 йил 1 феврал'],
    [2, '2026-yil 1-mart', '2026 йил 1 март'],
    [3, '2026-yil 1-aprel', '2026 йил 1 апрел'],
    [4, '2026-yil 1-may', '2026 йил 1 май'],
    [5, '2026-yil 1-iyun', '2026 йил 1 июн'],
    [6, '2026-yil 1-iyul', '2026 йил 1 июл'],
    [7, '2026-yil 1-avgust', '2026 йил 1 август'],
    [8, '2026-yil 1-sentabr', '2026 йил 1 сентябр'],
    [9, '2026-yil 1-oktabr', '2026 йил 1 октябр'],
    [10, '2026-yil 1-noyabr', '2026 йил 1 ноябр'],
    [11, '2026-yil 1-dekabr', '2026 йил 1 декабр'],
  ])('names month %i in both Uzbek scripts', (month, latin, cyrillic) => {
    const first = new Date(2026, month, 1);
    expect(formatDate(first, 'uz')).toBe(latin);
    expect(formatDate(first, 'uz-Cyrl')).toBe(cyrillic);
  });

  it('pads the numeric day and month, never the long day', () => {
    const early = new Date(2027, 0, 5);
    expect(formatDate(early, 'uz', 'numeric')).toBe('05.01.2027');
    expect(formatDate(early, 'uz')).toBe('2027-yil 5-yanvar');
  });

  it('accepts an ISO string and a time value', () => {
    expect(formatDate(date.toISOString(), 'uz')).toBe('2026-yil 15-sentabr');
    expect(formatDate(date.getTime(), 'uz-Cyrl', 'numeric')).toBe('15.09.2026');
  });
});

describe('formatDateTime', () => {
  it.each<[Locale, string]>([
    ['uz', '2026-yil 15-sentabr, 14:05'],
    ['uz-Cyrl', '2026 йил 15 сентябр, 14:05'],
    ['ru', '15 сентября 2026 г. в 14:05'],
    ['en', '15 September 2026 at 14:05'],
  ])('%s: %j', (locale, expected) => {
    expect(formatDateTime(date, locale)).toBe(expected);
  });

  it('has a numeric style for every locale', () => {
    expect(formatDateTime(date, 'uz', 'numeric')).toBe('15.09.2026 14:05');
    expect(formatDateTime(date, 'ru', 'numeric')).toBe('15.09.2026 14:05');
  });

  it('uses the 24-hour clock', () => {
    expect(formatTime(new Date(2026, 8, 15, 0, 7))).toBe('00:07');
  });
});

describe('formatNumber', () => {
  it.each<[Locale, number, number, string]>([
    ['uz', 1250000, 0, n('1 250 000')],
    ['uz-Cyrl', 1250000, 0, n('1 250 000')],
    ['uz', 1234567.891, 3, n('1 234 567,891')],
    ['uz', 4.5, 1, '4,5'],
    ['uz', 4.5, 0, '5'],
    ['uz', 4.0, 2, '4'],
    ['uz', 999, 0, '999'],
    ['uz', 1000, 0, n('1 000')],
    ['uz', -1250.5, 1, n('-1 250,5')],
    ['uz', -0.01, 1, '0'],
    ['uz', 0, 0, '0'],
    ['ru', 1250000, 0, n('1 250 000')],
    ['ru', 4.5, 1, '4,5'],
    ['en', 1250000, 0, '1,250,000'],
    ['en', 4.5, 1, '4.5'],
  ])('%s: %d with up to %i decimals is %j', (locale, value, digits, expected) => {
    expect(formatNumber(value, locale, { maximumFractionDigits: digits })).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each<[Locale, string]>([
    ['uz', n('1 250 000 soʻm')],
    ['uz-Cyrl', n('1 250 000 сўм')],
    ['ru', n('1 250 000 сум')],
    ['en', n('UZS 1,250,000')],
  ])('%s: %j', (locale, expected) => {
    expect(formatMoney(1250000, locale)).toBe(expected);
  });

  it('keeps tiyin when asked, and writes a whole amount with none', () => {
    expect(formatMoney(3400.5, 'uz', { maximumFractionDigits: 2 })).toBe(n('3 400,5 soʻm'));
    expect(formatMoney(3400.5, 'ru', { maximumFractionDigits: 2 })).toBe(n('3 400,5 сум'));
    expect(formatMoney(340000, 'uz', { maximumFractionDigits: 2 })).toBe(n('340 000 soʻm'));
  });

  it('writes soʻm with U+02BB', () => {
    expect(formatMoney(1, 'uz')).toContain('so\u02BBm');
  });
});
