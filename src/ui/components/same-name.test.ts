import { describe, expect, it } from 'vitest';
import { sameName } from './same-name';

describe('sameName (the consent step compares the typed name with the resident’s)', () => {
  it('ignores case, extra spaces and surrounding spaces', () => {
    expect(sameName('  dilnoza   KARIMOVA ', 'Dilnoza Karimova')).toBe(true);
  });

  it('takes every apostrophe people type for oʻ and gʻ as the same mark', () => {
    for (const mark of ["'", '\u2018', '\u2019', '`', '\u00B4', '\u02BB', '\u02BC', '\u02B9', '\u02BD', '\u2032', '\uFF07']) {
      expect(sameName(`G${mark}ulomova O${mark}g${mark}iloy`, 'Gʻulomova Oʻgʻiloy')).toBe(true);
    }
  });

  it('tells different names apart', () => {
    expect(sameName('Gulomova Ogiloy', 'Gʻulomova Oʻgʻiloy')).toBe(false);
    expect(sameName('Aziz', 'Azizbek')).toBe(false);
  });
});
