import { describe, expect, it } from 'vitest';
import { normalizeAnswers } from './normalize-answers';

describe('normalizeAnswers', () => {
  it('normalises text answers and keeps what was typed for those it changed', () => {
    const result = normalizeAnswers({ lastName: " Gʼulomova ", city: "Qo'qon", consent: true, relation: 'self', pinfl: '31507900010013' });
    expect(result.answers).toEqual({ lastName: 'Gʻulomova', city: 'Qoʻqon', consent: true, relation: 'self', pinfl: '31507900010013' });
    expect(result.raw).toEqual({ lastName: ' Gʼulomova ', city: "Qo'qon" });
  });

  it('changes nothing already canonical', () => {
    const answers = { birthDate: '2015-03-21', phone: '+998 90 123 45 67', name: 'Oʻktam' };
    expect(normalizeAnswers(answers)).toEqual({ answers, raw: {} });
  });
});
