import { describe, expect, it } from 'vitest';
import { pickLocale } from './report-size';

describe('pickLocale', () => {
  it('keeps one language of every four-language text and leaves the rest alone', () => {
    const text = { uz: 'Oila', 'uz-Cyrl': 'Оила', ru: 'Семья', en: 'Family' };
    expect(pickLocale({ id: 'family', name: text, tags: [text, 3] }, 'ru')).toEqual({ id: 'family', name: 'Семья', tags: ['Семья', 3] });
  });
});
