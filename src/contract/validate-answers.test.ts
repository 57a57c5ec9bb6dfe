import { describe, expect, it } from 'vitest';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from './test-support/sample-form';
import type { Answers } from './form-definition';
import { FAMILY_ANSWERS, FAMILY_CASES, FAMILY_FORM, FIXTURE_TODAY } from './test-support/family-form';
import { hasErrors, validateAnswers } from './validate-answers';

const codes = (answers: Record<string, string | boolean>) =>
  validateAnswers(SAMPLE_FORM, answers, SAMPLE_SOATO).map((p) => `${p.field}:${p.code}:${p.severity}`);

describe('validateAnswers', () => {
  it('finds nothing wrong with a complete application', () => {
    expect(codes(VALID_ANSWERS)).toEqual([]);
  });
  it('lists every missing required answer and the unticked consent', () => {
    expect(codes({})).toEqual([
      'pinfl:required:error', 'lastName:required:error', 'region:required:error', 'district:required:error', 'consent:consent_required:error',
    ]);
  });
  it('treats a PINFL check-digit mismatch as a warning only', () => {
    const problems = validateAnswers(SAMPLE_FORM, { ...VALID_ANSWERS, pinfl: '31507900010014' }, SAMPLE_SOATO);
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
    expect(hasErrors(problems)).toBe(false);
  });
  it('refuses a district of another region and an unknown field', () => {
    expect(codes({ ...VALID_ANSWERS, district: '1706204', extra: 'x' })).toEqual(['extra:unknown_field:error', 'district:district_unknown:error']);
  });
  it('refuses text over the maximum length and a non-text answer', () => {
    expect(codes({ ...VALID_ANSWERS, lastName: 'x'.repeat(61) })).toEqual(['lastName:too_long:error']);
    expect(codes({ ...VALID_ANSWERS, lastName: true })).toEqual(['lastName:not_text:error']);
  });
});

describe('validateAnswers, the shared fixtures (server/api-submissions.test.ts sends the same)', () => {
  it.each(FAMILY_CASES)('%s', (_name, change, expected) => {
    const answers = { ...FAMILY_ANSWERS, ...change } as Answers;
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete answers[key];
    const found = validateAnswers(FAMILY_FORM, answers, SAMPLE_SOATO, FIXTURE_TODAY).map((p) => `${p.field}:${p.code}`);
    expect(found).toEqual(expected);
  });
});
