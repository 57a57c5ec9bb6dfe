import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CatalogueSource } from '../../contract/index';
import { scaleCatalogue } from '../../../test/fixtures/scale-catalogue';
import { toSearchDoc } from './catalogue-docs';
import { fingerprint, prefixWithinOneEdit, SearchIndex, type SearchDoc } from './search-index';

const catalogue = JSON.parse(readFileSync(new URL('../../../content/catalogue.json', import.meta.url), 'utf8')) as CatalogueSource;
const real = catalogue.services.map(toSearchDoc);
const index = new SearchIndex(real);
/** The real catalogue inside the 5,000 synthetic services: the same answers at scale. */
const atScale = new SearchIndex([...scaleCatalogue(5_000).map(toSearchDoc), ...real]);
const ids = (i: SearchIndex, q: string, limit = 5) => i.search(q, limit).map((h) => h.id);

describe('catalogue search, in any script and spelling', () => {
  it.each([
    // the example: every way of writing Uzbekistan finds citizenship
    ['ozbekiston', 'citizenship-application'],
    ['oʻzbekiston', 'citizenship-application'],
    ["o'zbekiston", 'citizenship-application'],
    ['o‘zbekiston', 'citizenship-application'],
    ['O`zbekiston', 'citizenship-application'],
    ['ўзбекистон', 'citizenship-application'],
    ['узбекистон', 'citizenship-application'],
    ['Узбекистан', 'citizenship-application'],
    ['ЎЗБЕКИСТОН фуқаролиги', 'citizenship-application'],
    // Latin, Cyrillic, Russian-keyboard letters (х for ҳ, к for қ, г for ғ, у for ў)
    ['haydovchilik guvohnomasi', 'driving-licence-exchange'],
    ['ҳайдовчилик', 'driving-licence-exchange'],
    ['хайдовчилик', 'driving-licence-exchange'],
    ['қурилиш', 'house-building-permit'],
    ['курилиш', 'house-building-permit'],
    ['kurilish', 'house-building-permit'],
    ['tugʻilishni qayd', 'birth-registration'],
    ['тугилишни', 'birth-registration'],
    // x/h and q/k slips in Latin
    ['horijga chiqish', 'foreign-travel-passport'],
    ['xorijga', 'foreign-travel-passport'],
    ['kadastr', 'cadastre-extract'],
    // Russian names and aliases
    ['прописка', 'permanent-registration'],
    ['propiska', 'permanent-registration'],
    ['загранпаспорт', 'foreign-travel-passport'],
    ['права', 'driving-licence-exchange'],
    ['справка о несудимости', 'criminal-record-certificate'],
    ['самозанятый', 'self-employed-registration'],
    ['детский сад', 'kindergarten-queue'],
    // English
    ['driving licence', 'driving-licence-exchange'],
    ['birth certificate', 'birth-certificate-copy'],
    // one typo
    ['haydovchilk', 'driving-licence-exchange'],
    ['propsika', 'permanent-registration'],
    ['sudlanganlk', 'criminal-record-certificate'],
    ['загранпаспрт', 'foreign-travel-passport'],
  ])('%s finds %s', (query, expected) => {
    expect(ids(index, query)).toContain(expected);
    // Among 5,000 look-alike synthetic services the real one is still found (ranking among equals is by order).
    expect(ids(atScale, query, 5_045)).toContain(expected);
  });

  it('puts the service whose name starts with the query first', () => {
    expect(ids(index, 'prop')[0]).toBe('permanent-registration');
    expect(ids(index, 'Oʻlimni')[0]).toBe('death-registration');
    expect(ids(index, 'Самозан')[0]).toBe('self-employed-registration');
  });

  it('finds nothing for nothing', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('  ʻ- ')).toEqual([]);
    expect(index.search('zzzzqqq')).toEqual([]);
  });
});

describe('ranking', () => {
  const docs: SearchDoc[] = [
    { id: 'typo', terms: ['Qarshu'] },
    { id: 'loose', terms: ['Qarshi shahri'] },
    { id: 'inside', terms: ['Bekkarshi'] },
    { id: 'word', terms: ['Yangi Karshi'] },
    { id: 'start', terms: ['Karshi tumani'] },
  ];
  const small = new SearchIndex(docs);

  it('ranks exact matches above loose ones, and a typo last', () => {
    expect(small.search('karshi').map((h) => `${h.id}:${h.tier}`)).toEqual([
      'start:name-start', 'word:word-start', 'inside:inside', 'loose:loose-word-start', 'typo:typo',
    ]);
  });

  it('looks for typos only while better matches do not fill the page', () => {
    expect(small.search('karshi', 4).map((h) => h.id)).not.toContain('typo');
  });

  it('matches a short token only at the start of a word', () => {
    expect(small.search('ar').map((h) => h.id)).toEqual([]);
    expect(small.search('ya').map((h) => h.id)).toEqual(['word']);
  });
});

describe('prefixWithinOneEdit', () => {
  it.each([
    ['guvohnoma', 'guvohnomasi', true],
    ['gvohnoma', 'guvohnoma', true],
    ['guvhonoma', 'guvohnoma', true],
    ['guvohnomx', 'guvohnoma', true],
    ['guvohnomaa', 'guvohnoma', true],
    ['guxohxoma', 'guvohnoma', false],
    ['pensya', 'pensiya', true],
    ['abcd', 'abc', true],
    ['abcde', 'abc', false],
  ])('%s within one edit of a prefix of %s: %s', (token, word, expected) => {
    expect(prefixWithinOneEdit(token, word)).toBe(expected);
  });
});

describe('kept keys', () => {
  it('rebuild the same index without folding, and a changed catalogue changes the fingerprint', () => {
    const again = new SearchIndex(index.keys);
    for (const query of ['ўзбекистон', 'propsika', 'права']) expect(again.search(query)).toEqual(index.search(query));
    const changed = real.map((doc, i) => (i === 3 ? { ...doc, terms: [...doc.terms, 'yangi'] } : doc));
    expect(fingerprint(changed)).not.toBe(index.keys.fingerprint);
    expect(fingerprint(real)).toBe(index.keys.fingerprint);
  });
});
