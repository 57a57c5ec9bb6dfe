import { describe, expect, it } from 'vitest';
import { localReference, type FeedbackItem } from '../../src/contract/index';
import { payloadHash } from '../submissions/payload-hash';
import { newId, validItem } from '../test-support/submission-fixtures';
import type { Storage } from './storage';
import { contractStores, type ContractStore, type OpenContractStore } from './storage-contract';

const FIXED_NOW = new Date('2026-11-30T06:00:00.000Z');
const PHONE = 'a'.repeat(64);
const OTHER_PHONE = 'b'.repeat(64);
/** Applications moved at once from two instances in the ordering test. */
const RACING_MOVES = 30;

function feedback(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    kind: 'feedback', id: newId(), serviceId: 'birth-certificate-copy', applicationId: null, rating: 4,
    comment: 'Yaxshi', givenAt: FIXED_NOW.toISOString(), ...overrides,
  };
}

/**
 * The application lifecycle, statuses by device and feedback (returns for correction, ratings), owed by every Storage
 * adapter; run beside storageContract against SQLite and PostgreSQL.
 */
export function lifecycleContract(adapter: string, open: OpenContractStore): void {
  const openStore = contractStores(open);
  async function fresh(): Promise<{ storage: Storage; store: ContractStore }> {
    const store = await openStore(() => FIXED_NOW);
    return { storage: store.storage, store };
  }
  async function stored(storage: Storage, deviceHash: string | null = PHONE) {
    const item = validItem();
    const saved = await storage.saveSubmission(item, payloadHash(item), deviceHash);
    if (saved.kind !== 'created') throw new Error('not created');
    return { item, receipt: saved.receipt };
  }

  describe(`${adapter}: application lifecycle`, () => {
    it('moves only along the lifecycle, found by id, number or local reference', async () => {
      const { storage } = await fresh();
      const { item, receipt } = await stored(storage);
      expect(await storage.moveStatus({ application: receipt.number, to: 'in_progress', message: null, actor: 't' }))
        .toMatchObject({ kind: 'moved', change: { id: item.id, status: 'in_progress', number: receipt.number } });
      expect(await storage.moveStatus({ application: item.id, to: 'received', message: null, actor: 't' }))
        .toEqual({ kind: 'invalid', from: 'in_progress' });
      expect(await storage.moveStatus({ application: localReference(item.id), to: 'rejected', message: { ru: 'Отказано' }, actor: 't' }))
        .toMatchObject({ kind: 'moved', change: { status: 'rejected', message: { ru: 'Отказано' } } });
      expect(await storage.moveStatus({ application: item.id, to: 'completed', message: null, actor: 't' }))
        .toEqual({ kind: 'invalid', from: 'rejected' });
      expect(await storage.moveStatus({ application: newId(), to: 'completed', message: null, actor: 't' })).toEqual({ kind: 'not_found' });
      expect((await storage.findReceipt(item.id))?.status).toBe('rejected');
      expect(await storage.findApplications({ status: 'rejected', limit: 10 })).toMatchObject([{ id: item.id, localReference: localReference(item.id) }]);
      expect(await storage.findApplications({ status: 'completed', limit: 10 })).toEqual([]);
    });

    it('gives each phone only its own applications, each change once after its cursor, in pages', async () => {
      const { storage } = await fresh();
      const a = await stored(storage);
      const b = await stored(storage);
      const theirs = await stored(storage, OTHER_PHONE);
      const all = await storage.statusChanges(PHONE, 0, 10);
      expect(all.changes.map((c) => c.id)).toEqual([a.item.id, b.item.id]);
      const firstPage = await storage.statusChanges(PHONE, 0, 1);
      expect(firstPage).toMatchObject({ more: true, changes: [{ id: a.item.id }] });
      expect((await storage.statusChanges(PHONE, firstPage.cursor, 1)).changes.map((c) => c.id)).toEqual([b.item.id]);
      expect(await storage.statusChanges(PHONE, all.cursor, 10)).toEqual({ changes: [], cursor: all.cursor, more: false });

      await storage.moveStatus({ application: a.item.id, to: 'completed', message: null, actor: 't' });
      await storage.moveStatus({ application: theirs.item.id, to: 'completed', message: null, actor: 't' });
      const later = await storage.statusChanges(PHONE, all.cursor, 10);
      expect(later.changes).toMatchObject([{ id: a.item.id, status: 'completed' }]);
      expect(later.cursor).toBeGreaterThan(all.cursor);
    });

    it('hands out status cursors so that moves from two instances at once are each seen exactly once', async () => {
      const { storage, store } = await fresh();
      const twin = await store.openTwin();
      const apps = [];
      for (let i = 0; i < RACING_MOVES; i++) apps.push(await stored(storage));
      const { cursor } = await storage.statusChanges(PHONE, 0, RACING_MOVES);
      const seen: string[] = [];
      let reading = cursor;
      const read = async () => {
        const page = await storage.statusChanges(PHONE, reading, RACING_MOVES);
        seen.push(...page.changes.map((c) => c.id));
        reading = page.cursor;
      };
      let moving = true;
      const moves = Promise.all(apps.map(({ item }, i) => (i % 2 === 0 ? storage : twin)
        .moveStatus({ application: item.id, to: 'in_progress', message: null, actor: 't' }))).finally(() => { moving = false; });
      // One phone reading page after page while the moves commit: no change may be skipped or repeated.
      while (moving) await read();
      await moves;
      await read();
      expect(new Set(seen)).toEqual(new Set(apps.map(({ item }) => item.id)));
      expect(seen).toHaveLength(RACING_MOVES);
    });

    it('takes a correction only after the application was returned, as the same application', async () => {
      const { storage } = await fresh();
      const { item, receipt } = await stored(storage);
      const corrected = { ...item, revision: 2, answers: { ...item.answers, fullName: 'Dilnoza Saidova' } };
      expect(await storage.reviseSubmission(corrected, payloadHash(corrected))).toEqual({ kind: 'not_returned' });
      expect(await storage.reviseSubmission({ ...corrected, id: newId() }, payloadHash(corrected))).toEqual({ kind: 'not_found' });
      await storage.moveStatus({ application: item.id, to: 'returned', message: { uz: 'Tugʻilgan sanani tekshiring' }, actor: 't' });
      const { changes: [returned] } = await storage.statusChanges(PHONE, 0, 10);
      expect(returned).toMatchObject({ status: 'returned', revision: 1, reopen: { formVersion: 1, answers: item.answers } });

      expect(await storage.reviseSubmission(corrected, payloadHash(corrected))).toEqual({ kind: 'revised', receipt });
      expect(await storage.reviseSubmission(corrected, payloadHash(corrected))).toEqual({ kind: 'replayed', receipt });
      expect(await storage.findReceipt(item.id)).toMatchObject({ revision: 2, status: 'received', payloadHash: payloadHash(corrected) });
      const { changes: [back] } = await storage.statusChanges(PHONE, 0, 10);
      expect(back).toMatchObject({ status: 'received', revision: 2, message: null });
      expect(back!.reopen).toBeUndefined();
    });

    it('keeps the reply key an application carried, the one its correction carries, and none for one without', async () => {
      const { storage } = await fresh();
      const keyOf = (x: string) => ({ kty: 'EC' as const, crv: 'P-256' as const, x: x.repeat(43), y: 'y'.repeat(43) });
      const item = validItem({ replyKey: { ...keyOf('a'), ext: true } as ReturnType<typeof keyOf> });
      const keyless = validItem();
      for (const one of [item, keyless]) await storage.saveSubmission(one, payloadHash(one), PHONE);
      const returned = async (id: string) => {
        await storage.moveStatus({ application: id, to: 'returned', message: null, actor: 't' });
        return (await storage.statusChanges(PHONE, 0, 10)).changes.find((c) => c.id === id)!.reopen;
      };
      // Only the key's public members are kept.
      expect(await returned(item.id)).toMatchObject({ answers: item.answers, replyKey: keyOf('a') });
      expect(await returned(keyless.id)).toMatchObject({ answers: keyless.answers, replyKey: null });
      const corrected = { ...item, revision: 2, replyKey: keyOf('b') };
      await storage.reviseSubmission(corrected, payloadHash(corrected));
      expect(await returned(item.id)).toMatchObject({ replyKey: keyOf('b') });
      // A correction from an older app keeps the key the application had.
      const again = { ...corrected, revision: 3, replyKey: undefined, answers: { ...item.answers, fullName: 'Dilnoza Saidova' } };
      await storage.reviseSubmission(again, payloadHash(again));
      expect(await returned(item.id)).toMatchObject({ replyKey: keyOf('b'), answers: again.answers });
    });
  });

  describe(`${adapter}: feedback`, () => {
    it('stores feedback once per id, refuses another payload under it, and sums it per service', async () => {
      const { storage, store } = await fresh();
      const first = feedback({ rating: 5 });
      const created = await storage.saveFeedback(first, 'h1', PHONE);
      expect(created).toMatchObject({ kind: 'created', receipt: { id: first.id, number: 'FB-2026-000001' } });
      expect(await storage.saveFeedback(first, 'h1', PHONE)).toEqual({ ...created, kind: 'replayed' });
      expect(await storage.saveFeedback(first, 'h2', PHONE)).toEqual({ kind: 'conflict' });
      await storage.saveFeedback(feedback({ rating: 2 }), 'h3', null);
      await storage.saveFeedback(feedback({ rating: 5, serviceId: 'passport' }), 'h4', null);
      expect(await store.countRows('feedback')).toBe(3);
      const summaries = await storage.feedbackSummaries();
      expect(summaries.sort((x, y) => x.serviceId.localeCompare(y.serviceId))).toEqual([
        { serviceId: 'birth-certificate-copy', count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] },
        { serviceId: 'passport', count: 1, average: 5, distribution: [0, 0, 0, 0, 1] },
      ]);
    });
  });
}
