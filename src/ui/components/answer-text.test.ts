import { describe, expect, it } from 'vitest';
import { fieldsById, type FieldDefinition } from '../../contract/index';
import { FAMILY_FORM } from '../../contract/test-support/family-form';
import { SAMPLE_SOATO, l } from '../../contract/test-support/sample-form';
import { answerText } from './answer-text';
import { problemLabeller } from './problem-labeller';

const fields = fieldsById(FAMILY_FORM);
const field = (id: string) => fields.get(id)!;
const words = { yes: 'Yes', photo: 'Photo attached' };
const text = (f: FieldDefinition, value: unknown) => answerText(f, value as never, SAMPLE_SOATO, 'en', words);

describe('answerText: an answer as the check-your-answers page says it', () => {
  it('says nothing for no answer', () => {
    for (const empty of [undefined, null, '']) expect(text(field('phone'), empty)).toBe('');
  });

  it('names chosen options by their labels, several joined, an unknown one as given', () => {
    expect(text(field('benefits'), ['veteran', 'large'])).toBe('Veteran, Large family');
    expect(text(field('hasChildren'), 'no')).toBe('No');
    expect(text(field('hasChildren'), 'maybe')).toBe('maybe');
  });

  it('names regions and districts from the reference list, and options drawn from it', () => {
    expect(text({ id: 'r', kind: 'region', label: l('Region') }, '1703')).toBe('Andijon viloyati');
    expect(text({ id: 'd', kind: 'district', label: l('District'), regionField: 'r' }, '1703202')).toBe('Oltinkoʻl tumani');
    expect(text(field('workedIn'), ['1703'])).toBe('Andijon viloyati');
  });

  it('writes a date in the person’s language, and leaves a half-typed one as typed', () => {
    const written = text(field('birthDate'), '1990-03-15');
    expect(written).toMatch(/1990/);
    expect(written).not.toBe('1990-03-15');
    expect(text(field('birthDate'), '1990-03')).toBe('1990-03');
  });

  it('says yes for a ticked consent and that a photo is attached, never its reference', () => {
    expect(text({ id: 'c', kind: 'consent', label: l('I agree') }, true)).toBe('Yes');
    expect(text({ id: 'c', kind: 'consent', label: l('I agree') }, false)).toBe('');
    expect(text({ id: 'p', kind: 'photo', label: l('Photo') } as FieldDefinition, 'photo:abc123')).toBe('Photo attached');
  });
});

describe('problemLabeller', () => {
  const label = problemLabeller(FAMILY_FORM, (t) => t.en, (item, n) => `${item} ${n}`);

  it('names a field by its label, and one inside a group by its item too, counted from 1', () => {
    expect(label('phone')).toBe('Phone');
    expect(label('children.1.childBirthDate')).toBe('Child 2: Birth date');
  });

  it('falls back to the path for a field the form does not have', () => {
    expect(label('nothing.here')).toBe('nothing.here');
  });
});
