import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { FIELD_KINDS } from './field-kinds';
import schema from '../../src/contract/form-definition.schema.json';
import { FAMILY_FORM } from '../../src/contract/test-support/family-form';

const validate = new Ajv({ allErrors: true }).compile(schema);
const FORMS_DIR = 'content/forms';

describe('the form-definition JSON Schema', () => {
  it.each(readdirSync(FORMS_DIR).filter((f) => f.endsWith('.json')))('accepts %s', (file) => {
    validate(JSON.parse(readFileSync(`${FORMS_DIR}/${file}`, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('accepts the fixture form that uses every kind', () => {
    expect(validate(FAMILY_FORM)).toBe(true);
  });

  it('names every field kind the contract knows', () => {
    const kinds = JSON.stringify(schema.definitions).match(/"kind":\{"(?:const|enum)":([^}]+)\}/g)!.join();
    for (const kind of FIELD_KINDS) expect(kinds).toContain(`"${kind}"`);
  });

  it.each([
    ['a field without a label', { id: 'a', kind: 'text' }],
    ['an unknown kind', { id: 'a', kind: 'signature', label: FAMILY_FORM.sections[0]!.title }],
    ['a choice without options', { id: 'a', kind: 'choice', label: FAMILY_FORM.sections[0]!.title }],
    ['a file field without accept', { id: 'a', kind: 'file', label: FAMILY_FORM.sections[0]!.title }],
    ['a file field accepting text', { id: 'a', kind: 'file', accept: ['text/plain'], label: FAMILY_FORM.sections[0]!.title }],
    ['an id expressions cannot read', { id: 'a-b', kind: 'text', label: FAMILY_FORM.sections[0]!.title }],
  ])('refuses %s', (_name, field) => {
    const form = { ...FAMILY_FORM, sections: [{ ...FAMILY_FORM.sections[0]!, fields: [field] }] };
    expect(validate(form)).toBe(false);
  });
});
