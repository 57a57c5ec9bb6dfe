import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Content } from '../content/content';
import { loadContent } from '../content/load-content';
import { SqliteStorage } from '../storage/sqlite-storage';
import { FIXTURE_CONTENT_DIR } from '../test-support/start-test-server';
import { validItem } from '../test-support/submission-fixtures';
import { payloadHash } from './payload-hash';
import { submitItem } from './submit-item';

let content: Content;
let storage: SqliteStorage;
beforeEach(async () => {
  content = await loadContent(FIXTURE_CONTENT_DIR);
  storage = new SqliteStorage(':memory:');
});
afterEach(async () => {
  await storage.close();
});

describe('submitItem', () => {
  it('answers a stored id with its receipt even after the content changed under it', async () => {
    const item = validItem();
    const first = await submitItem(item, content, storage);
    expect(first.status).toBe(201);
    // The district was dropped from the SOATO list and the service from the catalogue since.
    const changed: Content = {
      ...content,
      forms: new Map(),
      soato: { ...content.soato, districts: content.soato.districts.filter((d) => d.code !== item.answers.district) },
    };
    const replay = await submitItem(item, changed, storage);
    expect(replay).toEqual({ ...first, status: 200 });
  });

  it('reports id_reused before judging the new answers to the phone that sent the stored ones', async () => {
    const item = validItem();
    const phone = { deviceHash: 'a'.repeat(64) };
    await submitItem(item, content, storage, phone);
    const result = await submitItem({ ...item, answers: { phone: 'nonsense' } }, content, storage, phone);
    expect(result).toMatchObject({ status: 422, error: { code: 'id_reused' } });
  });

  it('judges another phone\'s answers under a stored id as it would under a new one, and changes nothing', async () => {
    const item = validItem();
    await submitItem(item, content, storage, { deviceHash: 'a'.repeat(64) });
    const stranger = { deviceHash: 'b'.repeat(64) };
    const nonsense = await submitItem({ ...item, answers: { phone: 'nonsense' } }, content, storage, stranger);
    const fresh = await submitItem({ ...validItem(), answers: { phone: 'nonsense' } }, content, storage, stranger);
    expect(nonsense).toMatchObject({ status: 422, error: { code: 'validation_failed' } });
    expect({ ...nonsense, id: '' }).toEqual({ ...fresh, id: '' });
    expect((await storage.findReceipt(item.id))?.payloadHash).toBe(payloadHash(item));
  });

  it('lets a refused application be corrected and sent again under the same id', async () => {
    const item = validItem();
    const refused = await submitItem({ ...item, answers: { ...item.answers, reason: 'stolen' } }, content, storage);
    expect(refused).toMatchObject({
      status: 422,
      error: { code: 'validation_failed', fields: [{ field: 'reason', code: 'option_unknown', severity: 'error' }] },
    });
    expect((await submitItem(item, content, storage)).status).toBe(201);
  });

  it('accepts a service the catalogue no longer lists while its form is still loaded', async () => {
    const dropped: Content = { ...content, catalogue: { ...content.catalogue, services: [] } };
    expect((await submitItem(validItem(), dropped, storage)).status).toBe(201);
  });
});
