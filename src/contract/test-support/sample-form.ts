import type { FormDefinition, SoatoList } from '../index';

/** The same text in all four locales: test forms are about rules, not words. */
export const l = (text: string) => ({ uz: text, 'uz-Cyrl': text, ru: text, en: text });

/** A small form with one field of each kind the outbox tests touch. */
export const SAMPLE_FORM: FormDefinition = {
  serviceId: 'birth-certificate-copy',
  version: 1,
  sections: [
    {
      id: 'applicant',
      title: l('Applicant'),
      fields: [
        { id: 'pinfl', kind: 'pinfl', label: l('PINFL'), required: true },
        { id: 'lastName', kind: 'text', label: l('Last name'), required: true, maxLength: 60 },
        { id: 'region', kind: 'region', label: l('Region'), required: true },
        { id: 'district', kind: 'district', label: l('District'), required: true, regionField: 'region' },
        { id: 'consent', kind: 'consent', label: l('I agree') },
      ],
    },
  ],
};

export const SAMPLE_SOATO: SoatoList = {
  version: 'test',
  regions: [{ code: '1703', name: l('Andijon viloyati') }],
  districts: [{ code: '1703202', region: '1703', type: 'district', name: l('Oltinkoʻl tumani') }],
};

/** A PINFL with a valid date and check digit (built from the documented algorithm). */
export const VALID_PINFL = '31507900010013';

export const VALID_ANSWERS = { pinfl: VALID_PINFL, lastName: 'Karimova', region: '1703', district: '1703202', consent: true };
