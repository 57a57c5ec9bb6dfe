import { describe, expect, it } from 'vitest';
import { checkAnswer, type AnswerContext } from './check-answer';
import { datePartsAtFault, datePartsProblem, joinDateParts, splitDateParts } from './date-parts';
import type { ItemField } from './form-definition';
import { EMPTY_SOATO } from './reference-lists';

const label = { uz: 'Sana', 'uz-Cyrl': 'Сана', ru: 'Дата', en: 'Date' };
const birthDate: ItemField = { id: 'birthDate', kind: 'date', label, notInFuture: true };
const context: AnswerContext = { soato: EMPTY_SOATO, today: '2026-05-01', sibling: () => undefined };
const check = (value: string) => checkAnswer(birthDate, value, true, context);

describe('joinDateParts', () => {
  it('makes the ISO date the contract checks when the boxes name a real date, padding day and month', () => {
    expect(joinDateParts({ day: '3', month: '2', year: '2024' })).toBe('2024-02-03');
    expect(joinDateParts({ day: ' 29 ', month: '02', year: '2024' })).toBe('2024-02-29');
  });

  it('keeps every box as typed while they do not make a date yet', () => {
    for (const parts of [{ day: '3', month: '', year: '' }, { day: '31', month: '4', year: '2024' }, { day: '3', month: '2', year: '85' }, { day: 'x', month: '13', year: '2024' }]) {
      const stored = joinDateParts(parts);
      expect(splitDateParts(stored), stored).toEqual(parts);
    }
  });

  it('stores nothing for three empty boxes, and reads an ISO answer back into its boxes', () => {
    expect(joinDateParts({ day: '', month: ' ', year: '' })).toBe('');
    expect(splitDateParts('2015-03-21')).toEqual({ day: '21', month: '03', year: '2015' });
    expect(splitDateParts('not a date')).toEqual({ day: '', month: '', year: '' });
  });
});

describe('a date answer the validator refuses says which box is wrong', () => {
  it.each([
    [{ day: '', month: '3', year: '1990' }, 'date_missing_day', ['day']],
    [{ day: '21', month: '', year: '1990' }, 'date_missing_month', ['month']],
    [{ day: '21', month: '3', year: '' }, 'date_missing_year', ['year']],
    [{ day: '21', month: '', year: '' }, 'date_incomplete', ['month', 'year']],
    [{ day: '21', month: '3', year: '90' }, 'date_year_digits', ['year']],
    [{ day: '30', month: '2', year: '2023' }, 'date_format', ['day']],
    [{ day: '12', month: '13', year: '1990' }, 'date_format', ['month']],
    [{ day: 'o1', month: '3', year: '1990' }, 'date_format', ['day']],
  ])('%o: %s', (parts, code, boxes) => {
    const stored = joinDateParts(parts);
    expect(check(stored)).toBe(code);
    expect(datePartsProblem(stored)).toBe(code);
    expect(datePartsAtFault(stored)).toEqual(boxes);
  });

  it('refuses what three boxes never make, and still judges a real date by the field rules', () => {
    expect(check('21.03.1990')).toBe('date_format');
    expect(check('1990-3-21')).toBe('date_format');
    expect(check('2023-02-30')).toBe('date_format');
    expect(check('1990-03-21')).toBeNull();
    expect(check('2030-03-21')).toBe('date_in_future');
    expect(datePartsAtFault('2030-03-21')).toEqual([]);
  });
});
