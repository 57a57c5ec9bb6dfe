import { describe, expect, it } from 'vitest';
import { acceptLanguageTags, negotiateLocale } from './negotiate-locale';

describe('negotiateLocale', () => {
  it.each([
    [['uz-UZ', 'ru-RU', 'en-US', 'en'], 'uz'],
    [['uz-Latn-UZ', 'ru'], 'uz'],
    [['uz', 'en'], 'uz'],
    [['uz-Cyrl-UZ', 'ru-RU', 'en'], 'uz-Cyrl'],
    [['uz_Cyrl'], 'uz-Cyrl'],
    [['ru-RU', 'uz-UZ'], 'ru'],
    [['kaa', 'ru'], 'ru'],
    [['en-GB'], 'en'],
    [['de-DE', 'fr'], 'uz'],
    [[], 'uz'],
  ])('turns %j into %s', (languages, expected) => {
    expect(negotiateLocale(languages)).toBe(expected);
  });
});

describe('acceptLanguageTags', () => {
  it.each([
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', ['ru-RU', 'ru', 'en-US', 'en']],
    ['en;q=0.5, uz-Cyrl-UZ', ['uz-Cyrl-UZ', 'en']],
    ['uz;q=0, ru', ['ru']],
    ['*, en', ['en']],
    ['de;q=abc, fr;q=2, en', ['en']],
    ['', []],
  ])('reads %j as %j', (header, expected) => {
    expect(acceptLanguageTags(header)).toEqual(expected);
  });

  it('negotiates a Russian browser to ru and a Cyrillic Uzbek one to uz-Cyrl', () => {
    expect(negotiateLocale(acceptLanguageTags('ru-RU,ru;q=0.9,en;q=0.8'))).toBe('ru');
    expect(negotiateLocale(acceptLanguageTags('uz-Cyrl;q=0.9,ru;q=0.8'))).toBe('uz-Cyrl');
  });
});
