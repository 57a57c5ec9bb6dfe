import { MAX_ANSWER_CHARS, type FieldKind, type FieldProblemCode, type Locale } from '../../contract/index';
import { formatNumber } from '../../core/format/format-number';

/** The message a missing answer gets where "Enter this information" would be wrong: nothing is entered there. */
const MISSING_AS: Partial<Record<FieldKind, FieldProblemCode>> = {
  choice: 'option_unknown',
  region: 'region_unknown',
  district: 'district_unknown',
  photo: 'attachment_invalid',
};

/**
 * The string key of a finding on a field of this kind. The contract's codes say what is wrong
 * whatever the control; the words say what to do with the control on screen ("Choose one of the
 * options" for an unanswered choice, as GOV.UK words it).
 */
export function problemKey(code: FieldProblemCode, kind: FieldKind | undefined): string {
  const as = code === 'required' && kind ? MISSING_AS[kind] : undefined;
  return `validation.${as ?? code}`;
}

/** What a message may name of its question: its kind, and the most characters it takes. */
export interface ProblemField {
  kind: FieldKind;
  maxLength?: number | undefined;
}

/**
 * The key and values of a finding's message: "too long" states the limit (the field's, else the
 * longest answer any question takes), counted for the language's plural and written its way.
 */
export function problemMessage(code: FieldProblemCode, field: ProblemField | undefined, locale: Locale): [string, { count: number; n: string }] {
  const limit = field?.maxLength ?? MAX_ANSWER_CHARS;
  return [problemKey(code, field?.kind), { count: limit, n: formatNumber(limit, locale) }];
}
