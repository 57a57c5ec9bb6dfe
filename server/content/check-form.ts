import type { FormDefinition } from '../../src/contract/index';
import { FIELD_KINDS } from './field-kinds';
import {
  expectArray, expectBoolean, expectLocalized, expectObject, expectOptional, expectPositiveInteger,
  expectString, expectUnique, fail,
} from './shape';

/** Checks the shape of one forms/<serviceId>.v<version>.json file. */
export function checkForm(value: unknown, file: string): FormDefinition {
  const form = expectObject(value, file);
  expectString(form.serviceId, `${file} serviceId`);
  expectPositiveInteger(form.version, `${file} version`);
  const sections = expectArray(form.sections, `${file} sections`, { nonEmpty: true });
  const fields = sections.flatMap((raw, i) => {
    const where = `${file} sections[${i}]`;
    const section = expectObject(raw, where);
    expectString(section.id, `${where}.id`);
    expectLocalized(section.title, `${where}.title`);
    return expectArray(section.fields, `${where}.fields`, { nonEmpty: true })
      .map((field, j) => ({ field: expectObject(field, `${where}.fields[${j}]`), where: `${where}.fields[${j}]` }));
  });
  for (const { field, where } of fields) checkField(field, where);
  expectUnique(fields.map(({ field }) => field.id as string), `${file} field ids`);
  const kindOf = new Map(fields.map(({ field }) => [field.id, field.kind]));
  for (const { field, where } of fields) {
    if (field.kind === 'district' && kindOf.get(field.regionField) !== 'region') {
      fail(`${where}.regionField`, `"${String(field.regionField)}" is not a region field of this form`);
    }
  }
  return form as unknown as FormDefinition;
}

function checkField(field: Record<string, unknown>, where: string): void {
  expectString(field.id, `${where}.id`);
  if (!(FIELD_KINDS as unknown[]).includes(field.kind)) fail(`${where}.kind`, `unknown kind "${String(field.kind)}"`);
  expectLocalized(field.label, `${where}.label`);
  expectOptional(field.hint, `${where}.hint`, expectLocalized);
  expectOptional(field.required, `${where}.required`, expectBoolean);
  if (field.kind === 'text' || field.kind === 'multiline') {
    expectOptional(field.minLength, `${where}.minLength`, expectPositiveInteger);
    expectOptional(field.maxLength, `${where}.maxLength`, expectPositiveInteger);
  }
  if (field.kind === 'date') expectOptional(field.notInFuture, `${where}.notInFuture`, expectBoolean);
  if (field.kind === 'district') expectString(field.regionField, `${where}.regionField`);
  if (field.kind === 'choice') {
    const options = expectArray(field.options, `${where}.options`, { nonEmpty: true });
    const values = options.map((raw, k) => {
      const option = expectObject(raw, `${where}.options[${k}]`);
      expectLocalized(option.label, `${where}.options[${k}].label`);
      return expectString(option.value, `${where}.options[${k}].value`);
    });
    expectUnique(values, `${where}.options`);
  }
}
