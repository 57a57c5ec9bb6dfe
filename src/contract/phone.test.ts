import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { uzPhoneMetadata } from '../../scripts/uz-phone-metadata';
import metadata from './phone-metadata.uz.json' with { type: 'json' };
import { normalizeUzPhone } from './phone';

describe('normalizeUzPhone', () => {
  it.each([
    ['+998 90 123-45-67', '+998901234567'],
    ['998901234567', '+998901234567'],
    ['901234567', '+998901234567'],
    ['8 90 123 45 67', '+998901234567'],
    ['(71) 200-00-00', '+998712000000'],
    ['+998 33 123 45 67', '+998331234567'],
    ['+998 20 123 45 67', '+998201234567'],
    ['+998 77 123 45 67', '+998771234567'],
  ])('reads %s as %s', (raw, e164) => expect(normalizeUzPhone(raw)).toBe(e164));

  it.each(['96 123 45 67', '+7 901 234 56 78', '12345', 'ninety', '+998 90 123 45 6', '+998 90 123 45 678'])('refuses %s', (raw) => {
    expect(normalizeUzPhone(raw)).toBeNull();
  });

  it('uses the installed libphonenumber-js metadata for Uzbekistan (run scripts/build-phone-metadata.ts if not)', () => {
    expect(metadata).toEqual(uzPhoneMetadata());
  });

  it('agrees with libphonenumber-js itself on every two-digit prefix', () => {
    for (let prefix = 0; prefix < 100; prefix++) {
      for (const rest of ['1234567', '2000000', '9876543', '5012345']) {
        const national = `${String(prefix).padStart(2, '0')}${rest}`;
        const library = parsePhoneNumberFromString(`+998${national}`);
        const expected = library?.isValid() ? library.number : null;
        expect(normalizeUzPhone(national), national).toBe(expected);
      }
    }
  });
});
