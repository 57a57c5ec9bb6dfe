import { describe, expect, it } from 'vitest';
import { pickMessage } from './pick-message';

describe('pickMessage', () => {
  it('shows the person\'s language, else the nearest given, never a transliteration', () => {
    const message = { uz: 'Pasport nusxasini qayta yuklang', ru: 'Загрузите копию паспорта заново' };
    expect(pickMessage(message, 'ru')).toBe('Загрузите копию паспорта заново');
    expect(pickMessage(message, 'uz-Cyrl')).toBe('Pasport nusxasini qayta yuklang');
    expect(pickMessage(message, 'en')).toBe('Загрузите копию паспорта заново');
    expect(pickMessage({ en: 'Bring the original', uz: '  ' }, 'uz')).toBe('Bring the original');
    expect(pickMessage(null, 'uz')).toBeNull();
    expect(pickMessage({}, 'uz')).toBeNull();
  });
});
