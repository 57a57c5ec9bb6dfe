import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASSPORT_FIELDS, type CatalogueSource } from '../src/contract/catalogue';
import { formFields, type FieldDefinition, type FormDefinition } from '../src/contract/form-definition';
import { LOCALES } from '../src/contract/locales';
import { hasStrayLatin } from '../src/contract/latin-abbreviations';
import type { SoatoList } from '../src/contract/reference-lists';
import { validateAnswers } from '../src/contract/validate-answers';
import { answerScope, computedValue } from '../src/contract/answer-scope';

const CONTENT = resolve(dirname(fileURLToPath(import.meta.url)), '../content');
const FORM_FILE = /^(?<serviceId>[a-z0-9-]+)\.v(?<version>[1-9]\d*)\.json$/;

const readJson = (path: string): unknown => JSON.parse(readFileSync(resolve(CONTENT, path), 'utf8'));
const catalogue = readJson('catalogue.json') as CatalogueSource;
const soato = readJson('refs/soato.json') as SoatoList;
const formFiles = readdirSync(resolve(CONTENT, 'forms')).filter((name) => name.endsWith('.json')).sort();
const forms = new Map(formFiles.map((name) => [name, readJson(`forms/${name}`) as FormDefinition]));

/** Keys each field kind may carry, so a typo (`maxlength`) fails here instead of being ignored. */
const BASE_KEYS = ['id', 'kind', 'label', 'hint', 'required', 'visibleIf', 'requiredIf'];
const PREFILLED = [...BASE_KEYS, 'profile'];
const KEYS_BY_KIND: Record<FieldDefinition['kind'], string[]> = {
  text: [...PREFILLED, 'minLength', 'maxLength', 'autocomplete'],
  multiline: [...PREFILLED, 'minLength', 'maxLength', 'autocomplete'],
  pinfl: PREFILLED,
  phone: PREFILLED,
  email: PREFILLED,
  passport: PREFILLED,
  number: [...BASE_KEYS, 'min', 'max', 'integer'],
  date: [...BASE_KEYS, 'notInFuture', 'min', 'max', 'minAgeYears', 'maxAgeYears'],
  choice: [...BASE_KEYS, 'options', 'optionsFrom', 'multiple', 'minChoices', 'maxChoices'],
  region: PREFILLED,
  district: [...PREFILLED, 'regionField'],
  photo: BASE_KEYS,
  file: [...BASE_KEYS, 'accept'],
  consent: BASE_KEYS,
  computed: [...BASE_KEYS, 'expression', 'format'],
  group: [...BASE_KEYS, 'itemLabel', 'fields', 'minItems', 'maxItems'],
};

/** Every object with a `uz` key is a Localized text; yields each with where it sits. */
function* localizedTexts(value: unknown, where: string): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* localizedTexts(item, `${where}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ('uz' in record) yield [where, record];
    else for (const [key, item] of Object.entries(record)) yield* localizedTexts(item, `${where}.${key}`);
  }
}

const allTexts = [
  ...localizedTexts(catalogue, 'catalogue.json'),
  ...[...forms].flatMap(([name, form]) => [...localizedTexts(form, `forms/${name}`)]),
];

describe('content texts', () => {
  it('fill all four locales and nothing else', () => {
    expect(allTexts.length).toBeGreaterThan(0);
    for (const [where, text] of allTexts) {
      expect(Object.keys(text).sort(), where).toEqual([...LOCALES].sort());
      for (const locale of LOCALES) {
        const value = text[locale];
        expect(typeof value === 'string' && value.trim() !== '', `${where}.${locale}`).toBe(true);
      }
    }
  });

  it('write Uzbek Latin with ʻ (U+02BB) after o and g and ʼ (U+02BC) elsewhere', () => {
    for (const [where, text] of allTexts) {
      const uz = String(text.uz);
      expect(uz, where).not.toMatch(/['‘’`´]/);
      expect(uz, where).not.toMatch(/(^|[^oOgG])ʻ/);
      expect(uz, where).not.toMatch(/[oOgG]ʼ/);
    }
  });

  it('write Uzbek Cyrillic without Latin letters, but for the Latin abbreviations Cyrillic text keeps (ID-карта)', () => {
    for (const [where, text] of allTexts) expect(hasStrayLatin(String(text['uz-Cyrl'])), where).toBe(false);
  });
});

describe('catalogue.json', () => {
  it('lists unique categories and services, each in a listed category', () => {
    const categoryIds = catalogue.categories.map((c) => c.id);
    expect(new Set(categoryIds).size).toBe(categoryIds.length);
    const serviceIds = catalogue.services.map((s) => s.id);
    expect(new Set(serviceIds).size).toBe(serviceIds.length);
    for (const service of catalogue.services) expect(categoryIds).toContain(service.category);
  });

  it('lists at least 40 services across at least 10 categories, none empty', () => {
    expect(catalogue.services.length).toBeGreaterThanOrEqual(40);
    expect(catalogue.categories.length).toBeGreaterThanOrEqual(10);
    for (const category of catalogue.categories) {
      expect(catalogue.services.filter((s) => s.category === category.id).length, category.id).toBeGreaterThan(0);
    }
  });

  it('gives every passport a source for what it does not mark illustrative', () => {
    for (const service of catalogue.services) {
      const { sources, illustrative } = service.provenance;
      for (const field of illustrative) expect(PASSPORT_FIELDS, service.id).toContain(field);
      if (illustrative.length < PASSPORT_FIELDS.length) expect(sources.length, service.id).toBeGreaterThan(0);
    }
  });

  it('features few enough services that their forms fit the first visit (docs/performance.md, B6: top 20)', () => {
    expect(catalogue.services.filter((s) => s.featured).length).toBeLessThanOrEqual(20);
  });

  it('has a form file for every service at its formVersion', () => {
    for (const service of catalogue.services) {
      expect(formFiles, service.id).toContain(`${service.id}.v${service.formVersion}.json`);
    }
  });
});

describe.each(formFiles)('forms/%s', (name) => {
  const form = forms.get(name)!;
  const fields = formFields(form);

  it('says the service id and version its file name says', () => {
    const match = FORM_FILE.exec(name);
    expect(match?.groups).toEqual({ serviceId: form.serviceId, version: String(form.version) });
  });

  it('has unique section and field ids', () => {
    const sectionIds = form.sections.map((s) => s.id);
    expect(new Set(sectionIds).size).toBe(sectionIds.length);
    const ids = fields.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const section of form.sections) expect(section.fields.length, section.id).toBeGreaterThan(0);
  });

  it('uses only the keys each field kind allows', () => {
    for (const field of fields.flatMap((f): FieldDefinition[] => (f.kind === 'group' ? [f, ...f.fields] : [f]))) {
      expect(Object.keys(KEYS_BY_KIND), field.id).toContain(field.kind);
      for (const key of Object.keys(field)) expect(KEYS_BY_KIND[field.kind], `${field.id}.${key}`).toContain(key);
    }
  });

  it('points every district field at a region field that comes before it', () => {
    for (const [i, field] of fields.entries()) {
      if (field.kind !== 'district') continue;
      const region = fields.findIndex((f) => f.id === field.regionField && f.kind === 'region');
      expect(region, field.id).toBeGreaterThanOrEqual(0);
      expect(region, field.id).toBeLessThan(i);
    }
  });

  it('gives every choice options with unique values, or a reference list', () => {
    for (const field of fields) {
      if (field.kind !== 'choice' || field.optionsFrom) continue;
      const values = (field.options ?? []).map((o) => o.value);
      expect(values.length, field.id).toBeGreaterThan(0);
      expect(new Set(values).size, field.id).toBe(values.length);
      for (const value of values) expect(value, field.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('the birth-certificate-copy form with the real SOATO list', () => {
  const form = forms.get('birth-certificate-copy.v1.json')!;
  /** A made-up PINFL whose date and check digit are valid. */
  const complete = {
    applicantPinfl: '31507900010013',
    applicantLastName: 'Karimova',
    applicantFirstName: 'Dilnoza',
    applicantPhone: '+998 90 123 45 67',
    relation: 'parent',
    personLastName: 'Karimov',
    personFirstName: 'Sardor',
    birthDate: '2015-03-08',
    region: '1710',
    district: '1710240',
    reason: 'lost',
    consent: true,
  };

  it('accepts a complete application, including a district added by hand', () => {
    expect(validateAnswers(form, complete, soato)).toEqual([]);
  });

  it('asks for every required answer of an empty application', () => {
    const missing = validateAnswers(form, {}, soato).map((p) => `${p.field}:${p.code}`);
    expect(missing).toEqual([
      'applicantPinfl:required', 'applicantLastName:required', 'applicantFirstName:required',
      'applicantPhone:required', 'relation:required', 'personLastName:required', 'personFirstName:required',
      'birthDate:required', 'region:required', 'district:required', 'reason:required', 'consent:consent_required',
    ]);
  });

  it('refuses a district from another region', () => {
    const problems = validateAnswers(form, { ...complete, district: '1703202' }, soato);
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual(['district:district_unknown']);
  });
});

describe('the foreign-travel-passport v2 form: groups, conditions and the fee', () => {
  const form = forms.get('foreign-travel-passport.v2.json')!;
  const today = '2026-11-30';
  const family = {
    applicantPinfl: '31507900010013', applicantLastName: 'Karimova', applicantFirstName: 'Dilnoza', applicantBirthDate: '1990-07-15',
    idCardNumber: 'AD1234567', applicantPhone: '+998901234567', passportFor: ['self', 'children'], hasOldPassport: 'no',
    children: [
      { childLastName: 'Karimov', childFirstName: 'Jasur', childBirthDate: '2015-03-21', childPinfl: '52103150010011' },
      { childLastName: 'Karimova', childFirstName: 'Malika', childBirthDate: '2012-01-10', childPinfl: '61001120010019', childTravelsAlone: 'no' },
    ],
    region: '1710', district: '1710240', consent: true,
  };
  const codes = (answers: Record<string, unknown>) =>
    validateAnswers(form, answers as never, soato, today).filter((p) => p.severity === 'error').map((p) => `${p.field}:${p.code}`);

  it('accepts a parent applying for themself and two children', () => {
    expect(codes(family)).toEqual([]);
  });

  it('works out the duty: one adult and two children under 16', () => {
    const fee = form.sections.flatMap((s) => s.fields).find((f) => f.id === 'fee')!;
    const scope = answerScope(form, family as never, today);
    expect(fee.kind === 'computed' && computedValue(fee, scope)).toBe(412_000 + 2 * 329_600);
  });

  it('asks about the old passport only when the passport is for the applicant, and about travelling alone from 14', () => {
    const forChildren = { ...family, passportFor: ['children'], hasOldPassport: undefined };
    expect(codes(forChildren)).toEqual([]);
    expect(codes({ ...family, hasOldPassport: 'yes' })).toEqual(['oldPassportNumber:required']);
    const [young, older] = family.children;
    expect(codes({ ...family, children: [young, { ...older, childTravelsAlone: undefined }] })).toEqual(['children.1.childTravelsAlone:required']);
  });

  it('refuses a child of 16 and an applicant under 16', () => {
    expect(codes({ ...family, children: [{ ...family.children[0], childBirthDate: '2010-11-30' }] })).toEqual([
      'children.0.childBirthDate:age_too_old', 'children.0.childTravelsAlone:required',
    ]);
    expect(codes({ ...family, applicantBirthDate: '2011-01-01' })).toEqual(['applicantBirthDate:age_too_young']);
  });
});
