import { evaluate, isTrue, type Scope, type Value } from './expression';
import type { AnswerValue, Answers, FieldDefinition, FormDefinition, FormSection, GroupItem } from './form-definition';
import { parseNumber } from './number';

/** Uzbekistan is UTC+5 all year (no daylight saving): "today" for age rules is Tashkent's date on both sides. */
const TASHKENT_OFFSET_MS = 5 * 60 * 60 * 1000;

/** Today's date in Tashkent, YYYY-MM-DD. */
export function todayInTashkent(now = new Date()): string {
  return new Date(now.getTime() + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Every field of the form by id, group items' fields included (ids are unique across a form). */
export function fieldsById(form: FormDefinition): Map<string, FieldDefinition> {
  const byId = new Map<string, FieldDefinition>();
  for (const field of form.sections.flatMap((s) => s.fields)) {
    byId.set(field.id, field);
    if (field.kind === 'group') for (const inner of field.fields) byId.set(inner.id, inner);
  }
  return byId;
}

/** The scope expressions read answers through, each typed by its field's kind. */
export function answerScope(form: FormDefinition, answers: Answers, today: string): Scope {
  const byId = fieldsById(form);
  const scopeOf = (lookup: (name: string) => AnswerValue | undefined, parent: Scope | null): Scope => {
    const scope: Scope = {
      today,
      get(name) {
        const value = lookup(name);
        if (value === undefined && parent) return parent.get(name);
        const field = byId.get(name);
        if (field?.kind === 'computed') return evaluate(field.expression, scope);
        return typed(field, value);
      },
      item: (entry) => scopeOf((name) => (entry as GroupItem | null)?.[name], scope),
    };
    return scope;
  };
  return scopeOf((name) => answers[name], null);
}

function typed(field: FieldDefinition | undefined, value: AnswerValue | undefined): Value {
  if (value === undefined || value === '') return null;
  if (field?.kind === 'number' && typeof value === 'string') return parseNumber(value);
  return value;
}

/** Whether a step is shown to this person now. */
export function isSectionShown(section: FormSection, scope: Scope): boolean {
  return section.visibleIf === undefined || isTrue(evaluate(section.visibleIf, scope));
}

/** Whether a field is shown (and so checked and sent) now. */
export function isFieldShown(field: FieldDefinition, scope: Scope): boolean {
  return field.visibleIf === undefined || isTrue(evaluate(field.visibleIf, scope));
}

/** Whether a shown field must be answered now. */
export function isFieldRequired(field: FieldDefinition, scope: Scope): boolean {
  return field.required === true || (field.requiredIf !== undefined && isTrue(evaluate(field.requiredIf, scope)));
}

/** The value of a computed field as a number, or null when the answers so far do not give one. */
export function computedValue(field: FieldDefinition & { kind: 'computed' }, scope: Scope): number | null {
  const value = evaluate(field.expression, scope);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
