import { describe, expect, it } from 'vitest';
import { checkPinfl, type FormDefinition } from '../../contract/index';
import { l } from '../../contract/test-support/sample-form';
import { prepareAnswers } from './prepare-answers';

const FORM: FormDefinition = {
  serviceId: 's',
  version: 1,
  sections: [
    {
      id: 'one',
      title: l('One'),
      fields: [
        { id: 'lastName', kind: 'text', label: l('Last name') },
        { id: 'city', kind: 'text', label: l('City') },
        { id: 'passport', kind: 'passport', label: l('Passport') },
        { id: 'phone', kind: 'phone', label: l('Phone') },
        { id: 'pinfl', kind: 'pinfl', label: l('PINFL') },
        { id: 'hasChildren', kind: 'choice', label: l('Children?'), options: [{ value: 'yes', label: l('Yes') }, { value: 'no', label: l('No') }] },
        {
          id: 'children', kind: 'group', label: l('Children'), itemLabel: l('Child'), maxItems: 5, visibleIf: "hasChildren == 'yes'",
          fields: [{ id: 'childName', kind: 'text', label: l('Name') }, { id: 'note', kind: 'text', label: l('Note'), visibleIf: "childName == 'x'" }],
        },
        { id: 'fee', kind: 'computed', label: l('Fee'), expression: 'count(children) * 10', format: 'sum' },
      ],
    },
    { id: 'two', title: l('Two'), visibleIf: "hasChildren == 'no'", fields: [{ id: 'why', kind: 'text', label: l('Why') }] },
  ],
};
const TODAY = '2026-11-30';

describe('prepareAnswers', () => {
  it('normalises by kind and keeps what was typed where it changed', () => {
    const result = prepareAnswers(FORM, { lastName: " Gʼulomova ", city: 'Oʻktam', passport: 'аа 123-45-67', phone: '8 90 123 45 67' }, TODAY);
    expect(result.answers).toEqual({ lastName: 'Gʻulomova', city: 'Oʻktam', passport: 'AA1234567', phone: '+998901234567' });
    expect(result.raw).toEqual({ lastName: 'Gʼulomova', passport: 'аа 123-45-67', phone: '8 90 123 45 67' });
  });

  it('takes a PINFL copied in groups or with dashes as its 14 digits, and the shared validator accepts it', () => {
    for (const typed of ['3150 7900 0100 13', '31507-90001-0013', ' 315 079 000 100 13 ']) {
      const result = prepareAnswers(FORM, { pinfl: typed }, TODAY);
      expect(result.answers.pinfl, typed).toBe('31507900010013');
      expect(result.raw.pinfl, typed).toBe(typed.trim());
      expect(checkPinfl(String(result.answers.pinfl))).toBeNull();
    }
    // Not a way round the format: letters stay and are refused.
    expect(checkPinfl(String(prepareAnswers(FORM, { pinfl: '3150 7900 0100 1O' }, TODAY).answers.pinfl))).toBe('pinfl_format');
  });

  it('leaves out hidden steps, hidden fields, empty answers and computed values', () => {
    const draft = { hasChildren: 'yes', why: 'kept in the draft', lastName: '  ', fee: '5', children: [{ childName: "Qo'zi", note: 'hidden' }] };
    const result = prepareAnswers(FORM, draft, TODAY);
    expect(result.answers).toEqual({ hasChildren: 'yes', children: [{ childName: 'Qoʻzi' }] });
    expect(result.raw).toEqual({ 'children.0.childName': "Qo'zi" });
  });
});
