import { parseAttachmentRef } from './attachment-ref';
import { formFields, type Answers, type FieldDefinition, type FormDefinition } from './form-definition';
import { MAX_ANSWER_CHARS, MAX_ANSWERS } from './limits';
import { checkPinfl } from './pinfl';
import { normalizeUzPhone } from './phone';
import type { SoatoList } from './reference-lists';

/**
 * Codes of what can be wrong with one answer. The app shows `validation.<code>` from its locale
 * files; the server sends the same codes, so a 422 lands on the same field in the same words.
 */
export type FieldProblemCode =
  | 'required' | 'too_short' | 'too_long' | 'not_text' | 'unknown_field'
  | 'pinfl_format' | 'pinfl_date' | 'pinfl_checksum' | 'phone_format'
  | 'date_format' | 'date_in_future' | 'option_unknown'
  | 'region_unknown' | 'district_unknown' | 'consent_required' | 'attachment_invalid';

export interface FieldProblem {
  field: string;
  code: FieldProblemCode;
  /** Warnings are shown but do not stop a submission. */
  severity: 'error' | 'warning';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The one validator both the app and the server run. Returns every problem, errors first;
 * an application may be submitted when none of them is an error.
 */
export function validateAnswers(form: FormDefinition, answers: Answers, soato: SoatoList): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const fields = formFields(form);
  const known = new Set(fields.map((f) => f.id));
  const keys = Object.keys(answers);
  if (keys.length > MAX_ANSWERS) return [{ field: '', code: 'too_long', severity: 'error' }];
  for (const key of keys) {
    if (!known.has(key)) problems.push({ field: key, code: 'unknown_field', severity: 'error' });
  }
  for (const field of fields) {
    const code = checkField(field, answers, soato);
    if (code) problems.push({ field: field.id, code, severity: code === 'pinfl_checksum' ? 'warning' : 'error' });
  }
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

export function hasErrors(problems: FieldProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function checkField(field: FieldDefinition, answers: Answers, soato: SoatoList): FieldProblemCode | null {
  const value = answers[field.id];
  if (field.kind === 'consent') {
    if (value === undefined || value === false) return 'consent_required';
    return value === true ? null : 'not_text';
  }
  if (value === undefined || value === '') return field.required ? 'required' : null;
  if (typeof value !== 'string') return 'not_text';
  const text = value.trim();
  if (text === '') return field.required ? 'required' : null;
  if (text.length > MAX_ANSWER_CHARS) return 'too_long';
  switch (field.kind) {
    case 'text':
    case 'multiline':
      if (field.minLength !== undefined && text.length < field.minLength) return 'too_short';
      if (field.maxLength !== undefined && text.length > field.maxLength) return 'too_long';
      return null;
    case 'pinfl':
      return checkPinfl(text);
    case 'phone':
      return normalizeUzPhone(text) ? null : 'phone_format';
    case 'date':
      return checkDate(text, field.notInFuture === true);
    case 'choice':
      return field.options.some((o) => o.value === text) ? null : 'option_unknown';
    case 'photo':
      return parseAttachmentRef(text) ? null : 'attachment_invalid';
    case 'region':
      return soato.regions.some((r) => r.code === text) ? null : 'region_unknown';
    case 'district': {
      const region = answers[field.regionField];
      const ok = soato.districts.some((d) => d.code === text && d.region === region);
      return ok ? null : 'district_unknown';
    }
  }
}

function checkDate(text: string, notInFuture: boolean): FieldProblemCode | null {
  if (!ISO_DATE.test(text)) return 'date_format';
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return 'date_format';
  if (notInFuture && date.getTime() > Date.now()) return 'date_in_future';
  return null;
}
