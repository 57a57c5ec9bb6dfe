import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBatch, type Answers, type SubmissionItem } from '../../src/contract/index';
import { FAMILY_ANSWERS, FAMILY_CASES, FAMILY_FORM, FIXTURE_TODAY, SAMPLE_SOATO } from '../../src/contract/test-support/family-form';
import { checkForm } from '../content/check-form';
import type { Content } from '../content/content';
import { SqliteStorage } from '../storage/sqlite-storage';
import { newId } from '../test-support/submission-fixtures';
import { submitItem } from './submit-item';

// The app's side runs the same cases in src/contract/validate-answers.test.ts: one validator, one verdict.
let storage: SqliteStorage;
const content: Content = {
  catalogue: { categories: [], services: [] },
  forms: new Map([[FAMILY_FORM.serviceId, new Map([[1, checkForm(JSON.parse(JSON.stringify(FAMILY_FORM)), 'family-form')]])]]),
  soato: SAMPLE_SOATO,
};
beforeEach(() => {
  // Noon in Tashkent on the fixtures' day, so the age rules judge as they do in the app's run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${FIXTURE_TODAY}T07:00:00Z`));
  storage = new SqliteStorage(':memory:');
});
afterEach(async () => {
  vi.useRealTimers();
  await storage.close();
});

describe('the server judges the shared validator fixtures as the app does', () => {
  it.each(FAMILY_CASES)('%s', async (_name, change, expected) => {
    const answers = { ...FAMILY_ANSWERS, ...change } as Answers;
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete answers[key];
    const wire = JSON.parse(JSON.stringify({
      items: [{ id: newId(), serviceId: FAMILY_FORM.serviceId, formVersion: 1, finalisedAt: new Date().toISOString(), answers }],
    }));
    const parsed = parseBatch(wire);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = await submitItem(parsed.batch.items[0] as SubmissionItem, content, storage);
    if (expected.length === 0) {
      expect(result.status).toBe(201);
    } else {
      expect(result.status).toBe(422);
      const fields = result.status === 422 ? result.error.fields ?? [] : [];
      expect(fields.map((p) => `${p.field}:${p.code}`)).toEqual(expected);
    }
  });
});
