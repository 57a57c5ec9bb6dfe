import { describe, expect, it } from 'vitest';
import { runAdmin } from './admin';
import { SqliteStorage } from './storage/sqlite-storage';
import { payloadHash } from './submissions/payload-hash';
import { validItem } from './test-support/submission-fixtures';

async function run(storage: SqliteStorage, ...argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runAdmin(argv, storage, (line) => out.push(line));
  return { code, out };
}

describe('the admin command', () => {
  it('lists, moves along the lifecycle only, and sums feedback', async () => {
    const storage = new SqliteStorage(':memory:');
    const item = validItem();
    const saved = await storage.saveSubmission(item, payloadHash(item), null);
    const number = saved.kind === 'created' ? saved.receipt.number : '';
    expect((await run(storage, 'list')).out[0]).toMatch(new RegExp(`^${number}\\t\\w{4}-\\w{4}\\treceived\\tbirth-certificate-copy\\t`));
    expect(await run(storage, 'move', number, 'returned', '--uz', 'Pasport nusxasi oʻqilmaydi', '--uz-Cyrl', 'Паспорт нусхаси ўқилмайди', '--en', 'The passport copy is unreadable'))
      .toEqual({ code: 0, out: [`${number} is now returned.`] });
    expect(await run(storage, 'move', number, 'completed')).toEqual({ code: 1, out: ['An application that is returned cannot become completed.'] });
    expect(await run(storage, 'move', 'XZ-2026-999999', 'completed')).toEqual({ code: 1, out: ['No application "XZ-2026-999999".'] });
    expect((await run(storage, 'move', number, 'finished')).code).toBe(1);
    expect((await run(storage, 'list', '--status', 'returned')).out).toHaveLength(1);
    expect((await storage.findApplications({ status: 'returned', limit: 1 }))[0]?.message)
      .toEqual({ uz: 'Pasport nusxasi oʻqilmaydi', 'uz-Cyrl': 'Паспорт нусхаси ўқилмайди', en: 'The passport copy is unreadable' });
    expect((await run(storage, 'list', '--status', 'completed')).out).toEqual(['No applications.']);
    expect(await run(storage, 'feedback')).toEqual({ code: 0, out: ['No feedback yet.'] });
    await storage.saveFeedback({
      kind: 'feedback', id: validItem().id, serviceId: 'birth-certificate-copy', applicationId: null, rating: 3, comment: '', givenAt: '2026-11-30T00:00:00Z',
    }, 'h', null);
    expect((await run(storage, 'feedback')).out).toEqual(['birth-certificate-copy\t1 ratings\taverage 3.00\t1:0 2:0 3:1 4:0 5:0']);
    expect((await run(storage, 'nonsense')).code).toBe(1);
    await storage.close();
  });
});
