import { parseAttachmentRef } from './attachment-ref';
import { choiceOptions } from './choice-options';
import { datePartsProblem, isRealIsoDate } from './date-parts';
import { isDocumentNumber } from './document-number';
import { isEmail } from './email';
import { yearsBetween } from './expression';
import type { AttachmentField, ItemField, ScalarAnswer } from './form-definition';
import { MAX_ANSWER_CHARS } from './limits';
import { parseNumber } from './number';
import { isPersonName, PERSON_NAME_AUTOCOMPLETE } from './person-name';
import { checkPinfl } from './pinfl';
import { normalizeUzPhone } from './phone';
import type { SoatoList } from './reference-lists';
import type { FieldProblemCode } from './validate-answers';

/** What one answer is checked against besides its own field: the reference list, today, and its neighbours. */
export interface AnswerContext {
  soato: SoatoList;
  today: string;
  /** An answer beside this one (the region a district belongs to). */
  sibling: (id: string) => ScalarAnswer | undefined;
}

/** Checks one shown, non-group answer. `required` is worked out by the caller (requiredIf). */
export function checkAnswer(
  field: ItemField | AttachmentField, value: ScalarAnswer | undefined, required: boolean, context: AnswerContext,
): FieldProblemCode | null {
  if (field.kind === 'computed') return value === undefined ? null : 'not_applicable';
  if (field.kind === 'consent') {
    if (value === undefined || value === false) return 'consent_required';
    return value === true ? null : 'not_text';
  }
  if (field.kind === 'choice' && field.multiple) return checkChoices(field, value, required, context.soato);
  if (value === undefined || value === '') return required ? 'required' : null;
  if (typeof value !== 'string') return 'not_text';
  const text = value.trim();
  if (text === '') return required ? 'required' : null;
  if (text.length > MAX_ANSWER_CHARS) return 'too_long';
  switch (field.kind) {
    case 'text':
    case 'multiline':
      if (field.minLength !== undefined && text.length < field.minLength) return 'too_short';
      if (field.maxLength !== undefined && text.length > field.maxLength) return 'too_long';
      if (field.kind === 'text' && field.autocomplete && PERSON_NAME_AUTOCOMPLETE.includes(field.autocomplete) && !isPersonName(text)) return 'name_format';
      return null;
    case 'pinfl':
      return checkPinfl(text);
    case 'phone':
      return normalizeUzPhone(text) ? null : 'phone_format';
    case 'email':
      return isEmail(text) ? null : 'email_format';
    case 'passport':
      return isDocumentNumber(text) ? null : 'passport_format';
    case 'number': {
      const n = parseNumber(text);
      if (n === null) return 'number_format';
      if (field.integer && !Number.isInteger(n)) return 'number_not_whole';
      if (field.min !== undefined && n < field.min) return 'number_too_small';
      if (field.max !== undefined && n > field.max) return 'number_too_large';
      return null;
    }
    case 'date':
      return checkDate(field, text, context.today);
    case 'choice':
      return choiceOptions(field, context.soato).some((o) => o.value === text) ? null : 'option_unknown';
    case 'photo':
    case 'file':
      return parseAttachmentRef(text) ? null : 'attachment_invalid';
    case 'region':
      return context.soato.regions.some((r) => r.code === text) ? null : 'region_unknown';
    case 'district': {
      const region = context.sibling(field.regionField);
      return context.soato.districts.some((d) => d.code === text && d.region === region) ? null : 'district_unknown';
    }
  }
}

function checkChoices(field: ItemField & { kind: 'choice' }, value: ScalarAnswer | undefined, required: boolean, soato: SoatoList): FieldProblemCode | null {
  const options = choiceOptions(field, soato);
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return required || field.minChoices ? 'required' : null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return 'not_a_list';
  if (new Set(value).size !== value.length || value.some((v) => !options.some((o) => o.value === v))) return 'option_unknown';
  if (field.minChoices !== undefined && value.length < field.minChoices) return 'choices_below_min';
  if (field.maxChoices !== undefined && value.length > field.maxChoices) return 'choices_above_max';
  return null;
}

function checkDate(field: ItemField & { kind: 'date' }, text: string, today: string): FieldProblemCode | null {
  // What the three boxes kept while they did not make a date says which box is missing or wrong.
  if (!isRealIsoDate(text)) return datePartsProblem(text);
  if (field.notInFuture && text > today) return 'date_in_future';
  if (field.min !== undefined && text < field.min) return 'date_too_early';
  if (field.max !== undefined && text > field.max) return 'date_too_late';
  const age = yearsBetween(text, today);
  if (age !== null && field.minAgeYears !== undefined && age < field.minAgeYears) return 'age_too_young';
  if (age !== null && field.maxAgeYears !== undefined && age > field.maxAgeYears) return 'age_too_old';
  return null;
}
