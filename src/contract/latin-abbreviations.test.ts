import { describe, expect, it } from 'vitest';
import { hasStrayLatin } from './latin-abbreviations';

describe('hasStrayLatin', () => {
  it('allows the Latin abbreviations Uzbek Cyrillic keeps', () => {
    expect(hasStrayLatin('Паспорт ёки ID-карта, PDF ёки JPEG шаклида, SMS орқали')).toBe(false);
  });

  it('refuses other Latin words, an abbreviation in lower case, and Latin look-alikes inside a word', () => {
    expect(hasStrayLatin('my.gov.uz сайтида')).toBe(true);
    expect(hasStrayLatin('id-карта')).toBe(true);
    expect(hasStrayLatin('Тошкeнт')).toBe(true); // a Latin e
  });
});
