import { describe, expect, it } from 'vitest';
import { checkAnswer, type AnswerContext } from './check-answer';
import type { ItemField } from './form-definition';
import { isPersonName } from './person-name';
import { EMPTY_SOATO } from './reference-lists';

const label = { uz: 'Ism', 'uz-Cyrl': 'Исм', ru: 'Имя', en: 'First name' };
const context: AnswerContext = { soato: EMPTY_SOATO, today: '2026-05-01', sibling: () => undefined };

describe('isPersonName', () => {
  it.each([
    'Oʻgʻiloy', 'Gʻulom', "Ne'mat", 'Neʼmat', 'O‘g‘iloy', 'Ne’mat', 'O`g`iloy', 'Ўғилой', 'Абдуллаев-Ким', 'Mariya Ivanovna',
    'Қаҳҳорова', 'Ёқубжон', 'Шукурулло ўғли', 'Renée', 'Rene\u0301e',
  ])('takes %s', (name) => expect(isPersonName(name)).toBe(true));

  it.each(['Dilnoza 😀', '😀', 'Karimova2', '123', '<script>', 'Ali_Vali', 'Ali.', 'a@b', "'-", '李娜', 'Ἀλέξανδρος'])(
    'refuses %s', (name) => expect(isPersonName(name)).toBe(false),
  );
});

describe('checkAnswer on name questions', () => {
  it('refuses what is not a name only where the form marks a name, phone and server alike', () => {
    const first: ItemField = { id: 'firstName', kind: 'text', label, autocomplete: 'given-name', maxLength: 60 };
    const place: ItemField = { id: 'address', kind: 'text', label, autocomplete: 'street-address' };
    expect(checkAnswer(first, 'Gʻulom', true, context)).toBeNull();
    expect(checkAnswer(first, 'Gulom1', true, context)).toBe('name_format');
    expect(checkAnswer({ ...first, autocomplete: 'family-name' }, '<script>', true, context)).toBe('name_format');
    expect(checkAnswer({ ...first, autocomplete: 'additional-name' }, 'Ivanovna 🙂', true, context)).toBe('name_format');
    expect(checkAnswer(place, 'Navoiy koʻchasi 12', true, context)).toBeNull();
    expect(checkAnswer(first, 'a'.repeat(61), true, context)).toBe('too_long');
  });
});
