import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { XizmatDb } from '../db/xizmat-db';
import { testDb } from '../test-support/test-db';
import { decryptBytes, encryptBytes } from './aes-gcm';
import { deviceWrappingKey } from './device-wrapping-key';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('deviceWrappingKey', () => {
  it('is made once, kept across a reopen of the database, and still works', async () => {
    const indexedDB = new IDBFactory();
    const first = new XizmatDb({ indexedDB, IDBKeyRange });
    const sealed = await encryptBytes(await deviceWrappingKey(first), bytes('secret'), 'aad');
    first.close();
    const reopened = new XizmatDb({ indexedDB, IDBKeyRange });
    const again = await deviceWrappingKey(reopened);
    expect(new TextDecoder().decode(await decryptBytes(again, sealed, 'aad'))).toBe('secret');
    expect(await reopened.keys.count()).toBe(1);
  });

  it('cannot be exported, fresh or read back from the database', async () => {
    const db = testDb();
    const fresh = await deviceWrappingKey(db);
    const stored = (await db.keys.get('device'))!.key;
    for (const key of [fresh, stored]) {
      expect(key.extractable).toBe(false);
      expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
      await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
      await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
    }
  });

  it('gives two callers at once the same key', async () => {
    const db = testDb();
    const [a, b] = await Promise.all([deviceWrappingKey(db), deviceWrappingKey(db)]);
    expect(await db.keys.count()).toBe(1);
    const sealed = await encryptBytes(a, bytes('one key'), 'aad');
    expect(new TextDecoder().decode(await decryptBytes(b, sealed, 'aad'))).toBe('one key');
    const stored = (await db.keys.get('device'))!.key;
    expect(new TextDecoder().decode(await decryptBytes(stored, sealed, 'aad'))).toBe('one key');
  });
});
