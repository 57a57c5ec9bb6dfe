import { formFields, type Answers, type FormDefinition } from '../../contract/index';

/**
 * Answers a new draft starts with: each question that names a profile key (`profile`) gets the
 * person's saved value. Only top-level questions: a child's name is never the applicant's.
 */
export function prefillAnswers(form: FormDefinition, profile: Answers): Answers {
  const answers: Answers = {};
  for (const field of formFields(form)) {
    const key = 'profile' in field ? field.profile : undefined;
    const value = key ? profile[key] : undefined;
    if (typeof value === 'string' && value.trim() !== '') answers[field.id] = value;
  }
  return answers;
}
