import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../contract/index';
import { FAMILY_ANSWERS, FAMILY_FORM } from '../../contract/test-support/family-form';
import { l } from '../../contract/test-support/sample-form';
import { compareForms } from './compare-forms';
import { prefillAnswers } from './prefill-answers';

/** FAMILY_FORM with one change made to a copy. */
function changed(edit: (form: FormDefinition) => void): FormDefinition {
  const form = structuredClone(FAMILY_FORM);
  form.version = 2;
  edit(form);
  return form;
}

describe('compareForms', () => {
  it('moves a draft when the new version only adds questions', () => {
    const added = changed((f) => f.sections[0]!.fields.push({ id: 'nickname', kind: 'text', label: l('Nickname') }));
    expect(compareForms(FAMILY_FORM, added, FAMILY_ANSWERS)).toEqual({ compatible: true, changed: [] });
  });

  it('keeps a draft whose answered question was dropped or changed kind, and names it', () => {
    const dropped = changed((f) => { f.sections[0]!.fields = f.sections[0]!.fields.filter((x) => x.id !== 'passport'); });
    expect(compareForms(FAMILY_FORM, dropped, FAMILY_ANSWERS)).toEqual({ compatible: false, changed: ['passport'] });
    const retyped = changed((f) => { f.sections[0]!.fields[0] = { id: 'pinfl', kind: 'text', label: l('PINFL') }; });
    expect(compareForms(FAMILY_FORM, retyped, FAMILY_ANSWERS).changed).toEqual(['pinfl']);
  });

  it('looks inside group items and at the options a choice still offers', () => {
    const noSchool = changed((f) => {
      const group = f.sections[1]!.fields[0]!;
      if (group.kind === 'group') group.fields = group.fields.filter((x) => x.id !== 'childSchool');
    });
    expect(compareForms(FAMILY_FORM, noSchool, FAMILY_ANSWERS).changed).toEqual(['childSchool']);
    const noLarge = changed((f) => {
      const benefits = f.sections[0]!.fields.find((x) => x.id === 'benefits')!;
      if (benefits.kind === 'choice') benefits.options = benefits.options!.filter((o) => o.value !== 'large');
    });
    expect(compareForms(FAMILY_FORM, noLarge, { ...FAMILY_ANSWERS, benefits: ['veteran'] }).compatible).toBe(true);
    expect(compareForms(FAMILY_FORM, noLarge, { ...FAMILY_ANSWERS, benefits: ['large'] }).changed).toEqual(['benefits']);
  });
});

describe('prefillAnswers', () => {
  it('fills the questions that name a profile key, and nothing inside groups', () => {
    const form = changed((f) => {
      f.sections[0]!.fields[0] = { id: 'pinfl', kind: 'pinfl', label: l('PINFL'), required: true, profile: 'pinfl' };
      f.sections[0]!.fields[3] = { id: 'phone', kind: 'phone', label: l('Phone'), profile: 'phone' };
    });
    expect(prefillAnswers(form, { pinfl: '31507900010013', phone: '  ', lastName: 'Karimova' })).toEqual({ pinfl: '31507900010013' });
  });
});
