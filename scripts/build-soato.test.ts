import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/contract/locales';
import { buildSoato, cleanCyrillic, cleanLatin, FIXTURE_PATH, OUTPUT_PATH, serializeSoato } from './build-soato';

/** 205 units in the 2021 fixture plus the 4 added by hand; equals 175 tumans + 34 cities. */
const DISTRICT_COUNT = 209;

const soato = buildSoato(readFileSync(FIXTURE_PATH, 'utf8'));

describe('buildSoato', () => {
  it('keeps the 14 regions', () => {
    expect(soato.regions.map((r) => r.code)).toEqual([
      '1703', '1706', '1708', '1710', '1712', '1714', '1718', '1722', '1724', '1726', '1727', '1730', '1733', '1735',
    ]);
  });

  it(`yields ${DISTRICT_COUNT} districts and cities, sorted by code and unique`, () => {
    const codes = soato.districts.map((d) => d.code);
    expect(codes).toHaveLength(DISTRICT_COUNT);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(soato.districts.filter((d) => d.type === 'district')).toHaveLength(175);
    expect(soato.districts.filter((d) => d.type === 'city')).toHaveLength(34);
  });

  it('adds the four units created after the fixture, each in its region', () => {
    const added = ['1710240', '1714410', '1714415', '1724414'].map((code) => soato.districts.find((d) => d.code === code));
    expect(added.map((d) => [d?.region, d?.type, d?.name.uz])).toEqual([
      ['1710', 'district', 'Koʻkdala tumani'],
      ['1714', 'city', 'Davlatobod tumani'],
      ['1714', 'city', 'Yangi Namangan tumani'],
      ['1724', 'city', 'Baxt'],
    ]);
  });

  it('includes the 12 districts of Tashkent city', () => {
    const tashkent = soato.districts.filter((d) => d.region === '1726');
    expect(tashkent).toHaveLength(12);
    expect(tashkent.every((d) => d.type === 'district' && /^17262\d\d$/.test(d.code))).toBe(true);
  });

  it('drops list headers and settlements', () => {
    for (const d of soato.districts) {
      expect(d.code).toMatch(/^17\d\d[24]\d\d$/);
      expect(d.code).not.toMatch(/(200|400)$/);
      expect(d.code).not.toBe('1726260');
    }
  });

  it('gives every district a region that exists', () => {
    const regions = new Set(soato.regions.map((r) => r.code));
    for (const d of soato.districts) {
      expect(regions.has(d.region)).toBe(true);
      expect(d.code.startsWith(d.region)).toBe(true);
    }
  });

  it('names everything in all four locales', () => {
    for (const { name } of [...soato.regions, ...soato.districts]) {
      for (const locale of LOCALES) expect(name[locale].trim()).not.toBe('');
    }
  });

  it('writes Uzbek Latin with U+02BB and U+02BC only', () => {
    for (const { name } of [...soato.regions, ...soato.districts]) {
      expect(name.uz).not.toMatch(/['‘’`]/);
      expect(name.uz).not.toMatch(/[^oOgG]ʻ/);
      expect(name.en).not.toMatch(/['‘’`]/);
    }
    expect(soato.districts.find((d) => d.code === '1703202')?.name).toMatchObject({
      uz: 'Oltinkoʻl tumani',
      en: 'Oltinkoʻl District',
    });
    expect(soato.districts.find((d) => d.code === '1733221')?.name.uz).toBe('Tuproqqalʼa tumani');
  });

  it('leaves no Latin letters in Uzbek Cyrillic or Russian names', () => {
    for (const { name } of [...soato.regions, ...soato.districts]) {
      expect(name['uz-Cyrl']).not.toMatch(/[A-Za-z]/);
      expect(name.ru).not.toMatch(/[A-Za-z]/);
    }
    // The fixture spells these with a Latin p.
    expect(soato.districts.find((d) => d.code === '1724410')?.name.ru).toBe('Ширин');
    expect(soato.districts.find((d) => d.code === '1727419')?.name.ru).toBe('Чирчик');
  });

  it('names cities and districts in English by rule', () => {
    expect(soato.districts.find((d) => d.code === '1703401')?.name.en).toBe('Andijon City');
    expect(soato.districts.find((d) => d.code === '1703203')?.name.en).toBe('Andijon District');
    expect(soato.regions.find((r) => r.code === '1735')?.name.en).toBe('Republic of Karakalpakstan');
  });

  it('matches the committed content/refs/soato.json (rebuild it, do not edit it)', () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(serializeSoato(soato));
  });
});

describe('cleaning', () => {
  it('maps apostrophes, spaces and the BOM', () => {
    expect(cleanLatin('\uFEFF  Qo‘rg’ontepa   tumani ')).toBe('Qoʻrgʻontepa tumani');
    expect(cleanLatin("ma'lumot")).toBe('maʼlumot');
  });

  it('maps Latin look-alikes in Cyrillic and refuses other Latin letters', () => {
    expect(cleanCyrillic('Гоpода pеспуб-го подч. Республики Каpакалпакстан')).toBe(
      'Города респуб-го подч. Республики Каракалпакстан',
    );
    expect(() => cleanCyrillic('Город Z')).toThrow();
  });
});
