import {
  answerScope, isFieldShown, isSectionShown, itemPath, normalizeDocumentNumber, normalizePinfl, normalizeUzPhone,
  type Answers, type FieldDefinition, type FormDefinition, type GroupItem, type ScalarAnswer,
} from '../../contract/index';
import { normalizeInput } from '../script/normalize-input';

interface PreparedAnswers {
  /** What is validated and sent: shown fields only, each in its canonical form. */
  answers: Answers;
  /** What the person typed, by answer path (itemPath inside groups), where the canonical form differs. */
  raw: Record<string, string>;
}

/**
 * Turns a draft's answers into what is sent (docs/script.md, "Normalising what people type"): answers of hidden steps and
 * fields are left out (the draft keeps them, so changing a condition back loses nothing); text is
 * NFC with the Uzbek apostrophes, never transliterated; passport numbers in Latin capitals; phones in
 * E.164. The typed text is kept beside each answer this changed.
 */
export function prepareAnswers(form: FormDefinition, draft: Answers, today: string): PreparedAnswers {
  const scope = answerScope(form, draft, today);
  const answers: Answers = {};
  const raw: Record<string, string> = {};
  for (const section of form.sections) {
    if (!isSectionShown(section, scope)) continue;
    for (const field of section.fields) {
      const value = draft[field.id];
      if (value === undefined || field.kind === 'computed' || !isFieldShown(field, scope)) continue;
      if (field.kind !== 'group' || !Array.isArray(value)) {
        const kept = canonical(field, value as ScalarAnswer, field.id, raw);
        if (kept !== undefined) answers[field.id] = kept;
        continue;
      }
      answers[field.id] = (value as GroupItem[]).map((item, index) => {
        const inner = scope.item(item);
        const out: GroupItem = {};
        for (const child of field.fields) {
          if (item[child.id] === undefined || child.kind === 'computed' || !isFieldShown(child, inner)) continue;
          const kept = canonical(child, item[child.id]!, itemPath(field.id, index, child.id), raw);
          if (kept !== undefined) out[child.id] = kept;
        }
        return out;
      });
    }
  }
  return { answers, raw };
}

/** The canonical answer, or undefined for an empty one (left out, as if never typed). */
function canonical(field: FieldDefinition, value: ScalarAnswer, path: string, raw: Record<string, string>): ScalarAnswer | undefined {
  if (typeof value !== 'string') return Array.isArray(value) && value.length === 0 ? undefined : value;
  // Surrounding white space is not part of what was typed: the raw copy is kept trimmed.
  const typed = value.trim();
  const text = normalizeInput(typed);
  if (text === '') return undefined;
  const result = field.kind === 'passport' ? normalizeDocumentNumber(text)
    : field.kind === 'phone' ? (normalizeUzPhone(text) ?? text)
    : field.kind === 'pinfl' ? normalizePinfl(text)
    : text;
  if (result !== typed) raw[path] = typed;
  return result;
}
