import { fieldsById, type Answers, type FieldDefinition, type FormDefinition } from '../../contract/index';

/** What a new form version means for one draft's answers. */
interface FormChange {
  /** True when every answer keeps its meaning in the new version: the draft can move to it. */
  compatible: boolean;
  /** Ids of answered fields the new version dropped or asks differently. */
  changed: string[];
}

/**
 * Compares the questions a draft answered on its form version with a newer version. An answer
 * moves when its field still exists with the same kind and, for choices, its values are still
 * options; new questions are simply empty. Anything else is a change the person must be shown.
 */
export function compareForms(from: FormDefinition, to: FormDefinition, answers: Answers): FormChange {
  const before = fieldsById(from);
  const after = fieldsById(to);
  const changed: string[] = [];
  const answered = new Set<string>();
  for (const [id, value] of Object.entries(answers)) {
    answered.add(id);
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'object') Object.keys(item).forEach((k) => answered.add(k));
  }
  for (const id of answered) {
    const old = before.get(id);
    const now = after.get(id);
    if (!old) continue; // Not a question of the old form either: the validator's business, not the migration's.
    if (!now || !sameQuestion(old, now, valuesOf(answers, id))) changed.push(id);
  }
  return { compatible: changed.length === 0, changed };
}

function sameQuestion(old: FieldDefinition, now: FieldDefinition, values: unknown[]): boolean {
  if (old.kind !== now.kind) return false;
  if (now.kind === 'choice' && old.kind === 'choice') {
    if (Boolean(old.multiple) !== Boolean(now.multiple) || old.optionsFrom !== now.optionsFrom) return false;
    // A reference list is the phone's current one for both versions: its values keep their meaning.
    if (now.optionsFrom) return true;
    const options = new Set((now.options ?? []).map((o) => o.value));
    return values.flat().every((v) => typeof v !== 'string' || options.has(v));
  }
  if (now.kind === 'district' && old.kind === 'district') return old.regionField === now.regionField;
  return true;
}

/** Every value given for a field id, at the top or inside group items. */
function valuesOf(answers: Answers, id: string): unknown[] {
  const values: unknown[] = id in answers ? [answers[id]] : [];
  for (const value of Object.values(answers)) {
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'object' && id in item) values.push(item[id]);
  }
  return values;
}
