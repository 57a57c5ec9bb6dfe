import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './negotiate-locale';

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
