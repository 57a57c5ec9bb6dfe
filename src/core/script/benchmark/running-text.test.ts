import { describe, expect, it } from 'vitest';
import { readRunningText, runningToCyrillic, runningToLatin, setups } from '../../../../scripts/bench-script';

// The committed part of the running-text evaluation (docs/script.md, "The running-text evaluation").
const cldr = readRunningText({ name: 'CLDR', file: new URL('running-text-cldr.tsv', import.meta.url), committed: true })!;
const [rules, , ships] = setups();

describe('the running-text evaluation (CLDR)', () => {
  it('holds texts in both scripts', () => {
    expect(cldr.length).toBeGreaterThanOrEqual(800);
  });

  it('is transliterated Cyrillic to Latin no worse with the dictionaries than by the rules alone', () => {
    expect(runningToLatin(cldr, ships!.toLatin).correct).toBeGreaterThanOrEqual(runningToLatin(cldr, rules!.toLatin).correct);
  });

  it('is transliterated Latin to Cyrillic with at least 96% word accuracy', () => {
    const score = runningToCyrillic(cldr, ships!.toCyrillic);
    expect(score.correct / score.total).toBeGreaterThanOrEqual(0.96);
  });
});
