import { todayInTashkent, validateAnswers, type Answers, type FieldProblem, type FormDefinition, type SoatoList } from '../../contract/index';
import { prepareAnswers } from './prepare-answers';

/**
 * The problems finalising this draft would find now: the same preparation (shown fields, canonical
 * values) and the same validator, so a step that passes here passes at Submit and on the server.
 */
export function checkDraft(form: FormDefinition, answers: Answers, soato: SoatoList, now = new Date()): FieldProblem[] {
  const today = todayInTashkent(now);
  return validateAnswers(form, prepareAnswers(form, answers, today).answers, soato, today);
}

/** The problems that belong to one step: those of its fields and of their group items. */
export function problemsOfStep(problems: FieldProblem[], fieldIds: string[]): FieldProblem[] {
  return problems.filter((p) => fieldIds.includes(p.field.split('.')[0]!));
}
