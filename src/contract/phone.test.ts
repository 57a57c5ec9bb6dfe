import { describe, expect, it } from 'vitest';
import { normalizeUzPhone } from './phone';

describe('normalizeUzPhone', () => {
  it.each([
    ['+998 90 123-45-67', '+998901234567'],
    ['998901234567', '+998901234567'],
    ['901234567', '+998901234567'],
    ['8 90 123 45 67', '+998901234567'],
    ['(71) 200-00-00', '+998712000000'],
  ])('reads %s as %s', (raw, e164) => expect(normalizeUzPhone(raw)).toBe(e164));

  it.each(['96 123 45 67', '+7 901 234 56 78', '12345', 'ninety'])('refuses %s', (raw) => {
    expect(normalizeUzPhone(raw)).toBeNull();
  });
});
