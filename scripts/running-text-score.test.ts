import { describe, expect, it } from 'vitest';
import { alignWords, parseSegments, scoreRunningText, words } from './running-text-score';

describe('running-text word accuracy', () => {
  it('cuts words at spaces, punctuation and digits, keeps apostrophes inside, lowers the case', () => {
    expect(words('“Oʻzbekiston” 2026-yil, maʼno; 5ta TOG‘')).toEqual(['oʻzbekiston', 'yil', 'maʼno', 'ta', 'togʻ']);
  });

  it('writes every apostrophe canonically, so o‘ and oʻ or ’ and ʼ are the same word', () => {
    expect(words("o'g'il ma’no")).toEqual(words('oʻgʻil maʼno'));
  });

  it('counts every occurrence of a word, not each distinct word once', () => {
    const segments = [{ id: '1', latin: 'bir bir bir', cyrillic: 'бир бир бир' }];
    const score = scoreRunningText(segments, () => 'бир бир бор', (s) => s.cyrillic);
    expect(score).toMatchObject({ correct: 2, total: 3 });
  });

  it('an extra word costs nothing else: the rest still aligns', () => {
    expect(alignWords(['a', 'x', 'b', 'c'], ['a', 'b', 'c'])).toEqual({ correct: 3, errors: [] });
  });

  it('a missing word is one error, shown against nothing', () => {
    expect(alignWords(['a', 'c'], ['a', 'b', 'c'])).toEqual({ correct: 2, errors: [{ expected: 'b', got: '' }] });
  });

  it('a wrong word is shown against what came instead', () => {
    expect(alignWords(['a', 'x', 'c'], ['a', 'b', 'c'])).toEqual({ correct: 2, errors: [{ expected: 'b', got: 'x' }] });
  });

  it('reads the TSV format: comments, a header, then id, Latin, Cyrillic', () => {
    expect(parseSegments('# source\nid\tlatin\tcyrillic\nx/1\tsalom\tсалом\n')).toEqual([{ id: 'x/1', latin: 'salom', cyrillic: 'салом' }]);
  });
});
