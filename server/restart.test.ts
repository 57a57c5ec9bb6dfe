import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-support/start-test-server';
import { submit, validItem } from './test-support/submission-fixtures';

describe('a restart on the same DATA_DIR', () => {
  it('keeps every row, still answers a replay with the stored receipt and continues the numbering', async () => {
    const first = await startTestServer();
    const item = validItem();
    const [original] = await submit(first.origin, [item]);
    const rowsBefore = first.rows();
    await first.close({ keepData: true });

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(second.rows()).toEqual(rowsBefore);
      const [replay, next] = await submit(second.origin, [item, validItem()]);
      expect(replay).toEqual({ ...original, status: 200 });
      expect(next?.status).toBe(201);
      const numbers = second.rows().map((r) => r.number);
      expect(numbers).toHaveLength(2);
      expect(Number(numbers[1]!.split('-')[2])).toBe(Number(numbers[0]!.split('-')[2]) + 1);
      const conflict = await submit(second.origin, [{ ...item, answers: { ...item.answers, reason: 'damaged' } }]);
      expect(conflict[0]).toMatchObject({ status: 422, error: { code: 'id_reused' } });
    } finally {
      await second.close();
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});
