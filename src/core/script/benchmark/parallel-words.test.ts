import { describe, expect, it } from 'vitest';
import { readWordPairs, setups, toCyrillicScore, toLatinScore } from '../../../../scripts/bench-script';

const pairs = readWordPairs();
const ships = setups().at(-1)!;

describe('the reviewed parallel word list', () => {
  it('has at least 2,000 pairs from the locales, the catalogue and SOATO', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(2000);
    const sources = new Set(pairs.flatMap((p) => p.sources.split(',')));
    expect([...sources].sort()).toEqual(expect.arrayContaining(['catalogue', 'locales', 'soato']));
  });

  it('holds one Cyrillic spelling per Latin word', () => {
    const latin = pairs.map((p) => p.latin);
    expect(latin.filter((word, i) => latin.indexOf(word) !== i)).toEqual([]);
  });

  it('is transliterated Latin to Cyrillic with at least 99.5% word accuracy', () => {
    const score = toCyrillicScore(pairs, ships.toCyrillic);
    expect(score.correct / score.total).toBeGreaterThanOrEqual(0.995);
  });

  it('is transliterated Cyrillic to Latin with at least 99.5% word accuracy', () => {
    const score = toLatinScore(pairs, ships.toLatin);
    expect(score.correct / score.total).toBeGreaterThanOrEqual(0.995);
  });
});
