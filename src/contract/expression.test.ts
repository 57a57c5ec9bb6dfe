import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluate, namesIn, parseExpression, yearsBetween, type Scope, type Value } from './expression';

function scopeOf(values: Record<string, Value>, today = '2026-11-30'): Scope {
  const scope: Scope = {
    today,
    get: (name) => values[name] ?? null,
    item: (entry) => ({ ...scopeOf({ ...values, ...(entry as Record<string, Value>) }, today) }),
  };
  return scope;
}

describe('the expression language', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 4 - 1', 1.5],
    ['-2 + 5', 3],
    ["kind == 'yes' && n > 2", true],
    ["kind != 'yes' || n <= 2", false],
    ['!filled(missing)', true],
    ["if(n >= 3, 'big', 'small')", 'big'],
    ["has(ticks, 'b')", true],
    ['count(ticks)', 2],
    ['count(kids, age(born) < 16) * 8000', 8000],
    ['age(born)', null],
    ["'2026-01-01' < '2026-02-01'", true],
    ['1 / 0', null],
    ["'a' + 1", null],
  ])('%s is %j', (source, expected) => {
    const scope = scopeOf({ kind: 'yes', n: 3, ticks: ['a', 'b'], kids: [{ born: '2020-01-01' }, { born: '2000-01-01' }] });
    expect(evaluate(source, scope)).toEqual(expected);
  });

  it('lists the names an expression reads, for the content check', () => {
    expect(namesIn(parseExpression("count(children, age(childBirthDate) < 16) + if(x, y, 'z')"))).toEqual(['children', 'childBirthDate', 'x', 'y']);
  });

  it.each(['1 +', 'a == == b', 'eval(x)', 'count()', "'open", 'a; b', 'x.constructor', '(1', '1 < 2 < 3'])('refuses %s', (source) => {
    expect(() => parseExpression(source)).toThrow(ExpressionError);
  });

  it('counts birthdays as people do', () => {
    expect(yearsBetween('2010-12-01', '2026-11-30')).toBe(15);
    expect(yearsBetween('2010-11-30', '2026-11-30')).toBe(16);
    expect(yearsBetween('2008-02-29', '2026-02-28')).toBe(17);
  });
});
