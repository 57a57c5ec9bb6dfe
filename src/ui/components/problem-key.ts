import type { FieldKind, FieldProblemCode } from '../../contract/index';

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
