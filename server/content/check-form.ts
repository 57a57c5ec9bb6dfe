import {
  ExpressionError, FILE_TYPES, PROFILE_KEYS, REFERENCE_LISTS, isFileType, namesIn, parseExpression, type FormDefinition,
} from '../../src/contract/index';
import { FIELD_KINDS } from './field-kinds';
import {
  expectArray, expectBoolean, expectLocalized, expectObject, expectOptional, expectPositiveInteger,
  expectString, expectUnique, fail,
} from './shape';

type Raw = Record<string, unknown>;
interface Located { field: Raw; where: string; group?: Raw }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks one forms/<serviceId>.v<version>.json file: its shape, that ids are unique across the form
 * (group items included), and that every expression parses and reads only fields of this form.
 */
export function checkForm(value: unknown, file: string): FormDefinition {
  const form = expectObject(value, file);
  expectString(form.serviceId, `${file} serviceId`);
  expectPositiveInteger(form.version, `${file} version`);
  const sections = expectArray(form.sections, `${file} sections`, { nonEmpty: true });
  const fields: Located[] = [];
  const expressions: Array<{ source: unknown; where: string }> = [];
  sections.forEach((raw, i) => {
    const where = `${file} sections[${i}]`;
    const section = expectObject(raw, where);
    expectString(section.id, `${where}.id`);
    expectLocalized(section.title, `${where}.title`);
    if (section.visibleIf !== undefined) expressions.push({ source: section.visibleIf, where: `${where}.visibleIf` });
    expectArray(section.fields, `${where}.fields`, { nonEmpty: true }).forEach((f, j) => {
      const located = { field: expectObject(f, `${where}.fields[${j}]`), where: `${where}.fields[${j}]` };
      fields.push(located);
      if (located.field.kind !== 'group') return;
      expectArray(located.field.fields, `${located.where}.fields`, { nonEmpty: true }).forEach((inner, k) => {
        fields.push({ field: expectObject(inner, `${located.where}.fields[${k}]`), where: `${located.where}.fields[${k}]`, group: located.field });
      });
    });
  });
  for (const located of fields) {
    checkField(located);
    for (const key of ['visibleIf', 'requiredIf', 'expression'] as const) {
      if (located.field[key] !== undefined) expressions.push({ source: located.field[key], where: `${located.where}.${key}` });
    }
  }
  expectUnique(fields.map(({ field }) => field.id as string), `${file} field ids`);
  const kindOf = new Map(fields.map(({ field }) => [field.id, field.kind]));
  for (const { field, where } of fields) {
    if (field.kind === 'district' && kindOf.get(field.regionField) !== 'region') {
      fail(`${where}.regionField`, `"${String(field.regionField)}" is not a region field of this form`);
    }
  }
  for (const { source, where } of expressions) checkExpression(source, where, kindOf);
  return form as unknown as FormDefinition;
}

function checkField({ field, where, group }: Located): void {
  expectString(field.id, `${where}.id`);
  if (!/^[A-Za-z_]\w*$/.test(field.id as string)) fail(`${where}.id`, 'must be a name expressions can read (letters, digits, _)');
  if (!(FIELD_KINDS as unknown[]).includes(field.kind)) fail(`${where}.kind`, `unknown kind "${String(field.kind)}"`);
  if (group && (field.kind === 'group' || field.kind === 'photo' || field.kind === 'file')) fail(`${where}.kind`, `a group item cannot hold a ${String(field.kind)}`);
  if (field.kind === 'file') {
    const accept = (field as { accept?: unknown }).accept;
    if (!Array.isArray(accept) || accept.length === 0 || !accept.every(isFileType)) fail(`${where}.accept`, `must list one or more of ${FILE_TYPES.join(', ')}`);
  }
  expectLocalized(field.label, `${where}.label`);
  expectOptional(field.hint, `${where}.hint`, expectLocalized);
  expectOptional(field.required, `${where}.required`, expectBoolean);
  if (field.profile !== undefined && !(PROFILE_KEYS as readonly unknown[]).includes(field.profile)) {
    fail(`${where}.profile`, `unknown profile key "${String(field.profile)}"`);
  }
  switch (field.kind) {
    case 'text':
    case 'multiline':
      expectOptional(field.minLength, `${where}.minLength`, expectPositiveInteger);
      expectOptional(field.maxLength, `${where}.maxLength`, expectPositiveInteger);
      break;
    case 'number':
      expectOptional(field.min, `${where}.min`, expectNumber);
      expectOptional(field.max, `${where}.max`, expectNumber);
      expectOptional(field.integer, `${where}.integer`, expectBoolean);
      break;
    case 'date':
      expectOptional(field.notInFuture, `${where}.notInFuture`, expectBoolean);
      expectOptional(field.min, `${where}.min`, expectIsoDate);
      expectOptional(field.max, `${where}.max`, expectIsoDate);
      expectOptional(field.minAgeYears, `${where}.minAgeYears`, expectNumber);
      expectOptional(field.maxAgeYears, `${where}.maxAgeYears`, expectNumber);
      break;
    case 'district':
      expectString(field.regionField, `${where}.regionField`);
      break;
    case 'choice': {
      expectOptional(field.multiple, `${where}.multiple`, expectBoolean);
      expectOptional(field.minChoices, `${where}.minChoices`, expectPositiveInteger);
      expectOptional(field.maxChoices, `${where}.maxChoices`, expectPositiveInteger);
      if ((field.options === undefined) === (field.optionsFrom === undefined)) fail(where, 'a choice needs either "options" or "optionsFrom"');
      if (field.optionsFrom !== undefined) {
        if (!(REFERENCE_LISTS as readonly unknown[]).includes(field.optionsFrom)) fail(`${where}.optionsFrom`, `unknown reference list "${String(field.optionsFrom)}"`);
        break;
      }
      const options = expectArray(field.options, `${where}.options`, { nonEmpty: true });
      const values = options.map((raw, k) => {
        const option = expectObject(raw, `${where}.options[${k}]`);
        expectLocalized(option.label, `${where}.options[${k}].label`);
        return expectString(option.value, `${where}.options[${k}].value`);
      });
      expectUnique(values, `${where}.options`);
      break;
    }
    case 'computed':
      expectString(field.expression, `${where}.expression`);
      if (field.format !== 'sum' && field.format !== 'number') fail(`${where}.format`, 'must be "sum" or "number"');
      break;
    case 'group':
      expectLocalized(field.itemLabel, `${where}.itemLabel`);
      expectPositiveInteger(field.maxItems, `${where}.maxItems`);
      expectOptional(field.minItems, `${where}.minItems`, expectPositiveInteger);
      break;
  }
}

function checkExpression(source: unknown, where: string, kindOf: Map<unknown, unknown>): void {
  const text = expectString(source, where);
  let names: string[];
  try {
    names = namesIn(parseExpression(text));
  } catch (error) {
    if (error instanceof ExpressionError) fail(where, `expression does not parse: ${error.message}`);
    throw error;
  }
  for (const name of names) if (!kindOf.has(name)) fail(where, `reads "${name}", which is no field of this form`);
}

function expectNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'must be a number');
  return value;
}

function expectIsoDate(value: unknown, where: string): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) fail(where, 'must be a date, YYYY-MM-DD');
  return value;
}
