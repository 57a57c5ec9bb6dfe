import { answerScope, isFieldRequired, isFieldShown, isSectionShown, todayInTashkent } from './answer-scope';
import { checkAnswer, type AnswerContext } from './check-answer';
import type { Scope } from './expression';
import { itemPath, type AnswerValue, type Answers, type FormDefinition, type GroupField, type GroupItem, type ScalarAnswer } from './form-definition';
import { MAX_ANSWERS } from './limits';
import type { SoatoList } from './reference-lists';

/**
 * Codes of what can be wrong with one answer. The app shows `validation.<code>` from its locale
 * files; the server sends the same codes, so a 422 lands on the same field in the same words.
 * WARNING: published codes; add, never rename.
 */
export type FieldProblemCode =
  | 'required' | 'too_short' | 'too_long' | 'not_text' | 'unknown_field' | 'not_applicable' | 'not_a_list'
  | 'pinfl_format' | 'pinfl_date' | 'pinfl_checksum' | 'phone_format' | 'email_format' | 'passport_format'
  | 'number_format' | 'number_not_whole' | 'number_too_small' | 'number_too_large'
  | 'name_format'
  | 'date_format' | 'date_missing_day' | 'date_missing_month' | 'date_missing_year' | 'date_incomplete' | 'date_year_digits'
  | 'date_in_future' | 'date_too_early' | 'date_too_late' | 'age_too_young' | 'age_too_old'
  | 'option_unknown' | 'choices_below_min' | 'choices_above_max' | 'items_below_min' | 'items_above_max'
  | 'region_unknown' | 'district_unknown' | 'consent_required' | 'attachment_invalid';

export interface FieldProblem {
  /** The field id, or `group.index.field` inside a group item (itemPath). */
  field: string;
  code: FieldProblemCode;
  /** Warnings are shown but do not stop a submission. */
  severity: 'error' | 'warning';
}

/** Codes that are worth a second look but may be right: the PINFL check digit is community-documented only. */
const WARNING_CODES: ReadonlySet<FieldProblemCode> = new Set(['pinfl_checksum']);

/**
 * The one validator both the app and the server run. Returns every problem, errors first;
 * an application may be submitted when none of them is an error. Only shown fields are checked,
 * and an answer to a hidden field is refused (the app drops them before sending: finalise-draft).
 */
export function validateAnswers(form: FormDefinition, answers: Answers, soato: SoatoList, today = todayInTashkent()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, code: FieldProblemCode | null) => {
    if (code) problems.push({ field, code, severity: WARNING_CODES.has(code) ? 'warning' : 'error' });
  };
  const keys = Object.keys(answers);
  if (keys.length > MAX_ANSWERS) return [{ field: '', code: 'too_long', severity: 'error' }];
  const scope = answerScope(form, answers, today);
  const known = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.id)));
  for (const key of keys) if (!known.has(key)) add(key, 'unknown_field');
  for (const section of form.sections) {
    const sectionShown = isSectionShown(section, scope);
    for (const field of section.fields) {
      const value = answers[field.id];
      if (!sectionShown || !isFieldShown(field, scope)) {
        if (value !== undefined && field.kind !== 'computed') add(field.id, 'not_applicable');
        continue;
      }
      const context: AnswerContext = { soato, today, sibling: (id) => scalar(answers[id]) };
      if (field.kind === 'group') checkGroup(field, value, scope, context, add);
      // A list of group items sent for a plain field is refused by checkAnswer as not text.
      else add(field.id, checkAnswer(field, value as ScalarAnswer | undefined, isFieldRequired(field, scope), context));
    }
  }
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

export function hasErrors(problems: FieldProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function checkGroup(
  group: GroupField, value: AnswerValue | undefined, scope: Scope, context: AnswerContext,
  add: (field: string, code: FieldProblemCode | null) => void,
): void {
  const items = value ?? [];
  if (!Array.isArray(items) || !items.every(isItem)) return add(group.id, 'not_a_list');
  const least = Math.max(group.minItems ?? 0, isFieldRequired(group, scope) ? 1 : 0);
  if (items.length < least) add(group.id, items.length === 0 ? 'required' : 'items_below_min');
  if (items.length > group.maxItems) return add(group.id, 'items_above_max');
  items.forEach((item, index) => {
    const inner = scope.item(item);
    const itemContext: AnswerContext = { ...context, sibling: (id) => item[id] ?? context.sibling(id) };
    const known = new Set(group.fields.map((f) => f.id));
    for (const key of Object.keys(item)) if (!known.has(key)) add(itemPath(group.id, index, key), 'unknown_field');
    for (const field of group.fields) {
      const path = itemPath(group.id, index, field.id);
      if (!isFieldShown(field, inner)) {
        if (item[field.id] !== undefined && field.kind !== 'computed') add(path, 'not_applicable');
        continue;
      }
      add(path, checkAnswer(field, item[field.id], isFieldRequired(field, inner), itemContext));
    }
  });
}

function isItem(value: unknown): value is GroupItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: AnswerValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
