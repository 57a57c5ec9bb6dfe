import { describe, expect, it } from 'vitest';
import { normalizeInput } from './normalize-input';

const OK = 'oʻ'; // o + U+02BB

describe('normalizeInput', () => {
  it.each([
    ["O'zbekiston", 'Oʻzbekiston'],
    ['O‘zbekiston', 'Oʻzbekiston'],
    ['O’zbekiston', 'Oʻzbekiston'],
    ['O`zbekiston', 'Oʻzbekiston'],
    ['O´zbekiston', 'Oʻzbekiston'],
    ['Oʻzbekiston', 'Oʻzbekiston'],
    ['Oʼzbekiston', 'Oʻzbekiston'],
    ['Oʹzbekiston', 'Oʻzbekiston'],
    ['O′zbekiston', 'Oʻzbekiston'],
    ['O＇zbekiston', 'Oʻzbekiston'],
    ["G'ulom", 'Gʻulom'],
    ["tog'", 'togʻ'],
    ["O'G'IL", 'OʻGʻIL'],
  ])('writes oʻ and gʻ with U+02BB: %j', (raw, expected) => {
    expect(normalizeInput(raw)).toBe(expected);
  });

  it.each([
    ["ma'no", 'maʼno'],
    ['ma‘no', 'maʼno'],
    ['ma’no', 'maʼno'],
    ['ma`no', 'maʼno'],
    ['ma´no', 'maʼno'],
    ['maʻno', 'maʼno'],
    ['maʼno', 'maʼno'],
    ['maʹno', 'maʼno'],
    ['ma′no', 'maʼno'],
    ['ma＇no', 'maʼno'],
    ["e'lon", 'eʼlon'],
    ["San'at", 'Sanʼat'],
    ["Is'hoq", 'Isʼhoq'],
  ])('writes the tutuq belgisi with U+02BC: %j', (raw, expected) => {
    expect(normalizeInput(raw)).toBe(expected);
  });

  it('handles both marks in one word', () => {
    expect(normalizeInput("mo''jiza")).toBe('mo\u02BB\u02BCjiza'); // мўъжиза
    expect(normalizeInput("to'g'ri")).toBe(`t${OK}gʻri`);
  });

  it('leaves quotes that are not inside a word', () => {
    expect(normalizeInput("'Salom' dedi")).toBe("'Salom' dedi");
  });

  it('composes to NFC', () => {
    expect(normalizeInput('И\u0306ул')).toBe('Йул');
    expect(normalizeInput('у\u0306')).toBe('ў');
  });

  it('trims and collapses white space, keeps line breaks', () => {
    expect(normalizeInput('  Toshkent \u00A0 shahri\t ')).toBe('Toshkent shahri');
    expect(normalizeInput('1-uy \r\n\r\n\r\n 2-xonadon')).toBe('1-uy\n\n2-xonadon');
  });

  it('drops invisible characters', () => {
    expect(normalizeInput('\uFEFFAli\u200Bjon')).toBe('Alijon');
  });

  it('is idempotent', () => {
    for (const s of ["O'zbekiston", "ma'no", "mo''jiza", '  a  b ']) {
      expect(normalizeInput(normalizeInput(s))).toBe(normalizeInput(s));
    }
  });
});
