import type { Answers, FormDefinition } from '../index';
import { SAMPLE_SOATO, VALID_PINFL, l } from './sample-form';

/** A two-step form with every kind the engine adds: the shared fixture of app and server tests. */
export const FAMILY_FORM: FormDefinition = {
  serviceId: 'family-test',
  version: 1,
  sections: [
    {
      id: 'applicant',
      title: l('Applicant'),
      fields: [
        { id: 'pinfl', kind: 'pinfl', label: l('PINFL'), required: true },
        { id: 'passport', kind: 'passport', label: l('Passport'), required: true },
        { id: 'email', kind: 'email', label: l('E-mail') },
        { id: 'phone', kind: 'phone', label: l('Phone'), required: true },
        { id: 'birthDate', kind: 'date', label: l('Birth date'), required: true, minAgeYears: 18, max: '2026-11-30' },
        { id: 'rooms', kind: 'number', label: l('Rooms'), integer: true, min: 1, max: 20 },
        {
          id: 'benefits', kind: 'choice', multiple: true, maxChoices: 2, label: l('Benefits'),
          options: [{ value: 'disability', label: l('Disability') }, { value: 'veteran', label: l('Veteran') }, { value: 'large', label: l('Large family') }],
        },
        { id: 'workedIn', kind: 'choice', multiple: true, optionsFrom: 'regions', label: l('Regions you worked in') },
        { id: 'disabilityGroup', kind: 'text', label: l('Disability group'), visibleIf: "has(benefits, 'disability')", required: true },
        {
          id: 'hasChildren', kind: 'choice', label: l('Children?'), required: true,
          options: [{ value: 'yes', label: l('Yes') }, { value: 'no', label: l('No') }],
        },
      ],
    },
    {
      id: 'children',
      title: l('Children'),
      visibleIf: "hasChildren == 'yes'",
      fields: [
        {
          id: 'children', kind: 'group', label: l('Children'), itemLabel: l('Child'), required: true, maxItems: 3,
          fields: [
            { id: 'childName', kind: 'text', label: l('Name'), required: true, maxLength: 40 },
            { id: 'childBirthDate', kind: 'date', label: l('Birth date'), required: true, notInFuture: true, maxAgeYears: 17 },
            { id: 'childSchool', kind: 'text', label: l('School'), requiredIf: 'age(childBirthDate) >= 7' },
          ],
        },
        { id: 'fee', kind: 'computed', label: l('Fee'), format: 'sum', expression: '10000 + count(children, age(childBirthDate) < 16) * 8000' },
      ],
    },
  ],
};

/** Today, fixed, so age rules give the same answer in every run. */
export const FIXTURE_TODAY = '2026-11-30';

export const FAMILY_ANSWERS: Answers = {
  pinfl: VALID_PINFL,
  passport: 'AA1234567',
  phone: '+998901234567',
  birthDate: '1990-05-01',
  hasChildren: 'yes',
  children: [
    { childName: 'Aziz', childBirthDate: '2020-01-10' },
    { childName: 'Malika', childBirthDate: '2012-02-02', childSchool: '12' },
  ],
};

/**
 * Bad answers and exactly the problems both sides must find (`field:code`), in order. Each case
 * changes FAMILY_ANSWERS by the given fields (undefined deletes one).
 */
export const FAMILY_CASES: Array<[name: string, change: Answers | Record<string, undefined>, problems: string[]]> = [
  ['a valid application', {}, []],
  ['a Cyrillic look-alike passport number, still valid', { passport: 'АА 1234567' }, []],
  ['a passport number of the wrong shape', { passport: 'A12345678' }, ['passport:passport_format']],
  ['an e-mail without a domain', { email: 'aziz@mail' }, ['email:email_format']],
  ['a phone of another country', { phone: '+7 901 234 56 78' }, ['phone:phone_format']],
  ['an applicant under 18', { birthDate: '2010-01-01' }, ['birthDate:age_too_young']],
  ['a date after the latest allowed', { birthDate: '2026-12-01' }, ['birthDate:date_too_late']],
  ['a fraction where a whole number is asked', { rooms: '2,5' }, ['rooms:number_not_whole']],
  ['a number too big', { rooms: '21' }, ['rooms:number_too_large']],
  ['words for a number', { rooms: 'two' }, ['rooms:number_format']],
  ['too many ticks', { benefits: ['veteran', 'large', 'disability'], disabilityGroup: '2' }, ['benefits:choices_above_max']],
  ['an option that does not exist', { benefits: ['pirate'] }, ['benefits:option_unknown']],
  ['regions ticked from the reference list', { workedIn: ['1703'] }, []],
  ['a region the reference list does not have', { workedIn: ['1703', '1799'] }, ['workedIn:option_unknown']],
  ['a conditionally shown field left empty', { benefits: ['disability'] }, ['disabilityGroup:required']],
  ['an answer to a hidden field', { disabilityGroup: '2' }, ['disabilityGroup:not_applicable']],
  ['a hidden step answered', { hasChildren: 'no' }, ['children:not_applicable']],
  ['the group left empty', { children: [] }, ['children:required']],
  ['too many children', { children: [1, 2, 3, 4].map(() => ({ childName: 'A', childBirthDate: '2020-01-01' })) }, ['children:items_above_max']],
  ['a grown-up in the children group', { children: [{ childName: 'Old', childBirthDate: '2000-01-01', childSchool: '1' }] }, ['children.0.childBirthDate:age_too_old']],
  ['requiredIf by age inside an item', { children: [{ childName: 'Malika', childBirthDate: '2012-02-02' }] }, ['children.0.childSchool:required']],
  ['an unknown field inside an item', { children: [{ childName: 'A', childBirthDate: '2020-01-01', x: '1' }] }, ['children.0.x:unknown_field']],
  ['a sent fee (computed values are never answers)', { fee: '1' }, ['fee:not_applicable']],
  ['a list where text is expected', { passport: ['AA1234567'] }, ['passport:not_text']],
  ['group items where ticks are expected', { benefits: [{ a: 'b' }] as never }, ['benefits:not_a_list']],
  ['text where a group is expected', { children: 'many' }, ['children:not_a_list']],
];

export { SAMPLE_SOATO };
