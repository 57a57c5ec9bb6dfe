import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/start-test-server';
import { addOperator, signIn } from '../../server/test-support/operator-fixtures';
import { jpegLikeBytes } from '../../server/test-support/submission-fixtures';
import { DEVICE_KEY_HEADER, sealBytes, type SealKey } from '../../src/contract/index';
import { UPLOAD_CHUNK_BYTES, uploadAttachment } from '../../src/core/outbox/upload-attachment';

// The phone's tus client against the real server's tus endpoint, over real HTTP.
/** The phone of most tests: the server takes uploads only with a device key. */
const PHONE = randomBytes(32).toString('hex');
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

function photo(size: number) {
  const bytes = jpegLikeBytes(size);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { blob: new Blob([bytes], { type: 'image/jpeg' }), attachment: { field: 'photo', sha256, size, type: 'image/jpeg', uploaded: 0, done: false } };
}

/** fetch that records each request and can fail the Nth PATCH as a dropped connection would. */
function recordingFetch(failPatch?: number) {
  const calls: { method: string; bytes: number }[] = [];
  let patches = 0;
  const doFetch: typeof fetch = async (input, init) => {
    const method = init?.method ?? 'GET';
    const bytes = init?.body instanceof Blob ? init.body.size : 0;
    calls.push({ method, bytes });
    if (method === 'PATCH' && ++patches === failPatch) throw new TypeError('network connection lost');
    return fetch(input, init);
  };
  return { doFetch, calls };
}

describe('uploadAttachment', () => {
  it('sends a photo in chunks and reports the confirmed bytes', async () => {
    const { blob, attachment } = photo(UPLOAD_CHUNK_BYTES * 2 + 1_000);
    const progress: number[] = [];
    expect(await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: PHONE, onProgress: (n) => { progress.push(n); } })).toBe('done');
    expect(progress).toEqual([UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES * 2, UPLOAD_CHUNK_BYTES * 2 + 1_000]);
  });

  it('resumes from the server offset after a dropped connection, re-sending at most one chunk', async () => {
    const { blob, attachment } = photo(UPLOAD_CHUNK_BYTES * 3);
    const first = recordingFetch(2);
    expect(await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: PHONE, fetch: first.doFetch })).toBe('retry');
    const second = recordingFetch();
    expect(await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: PHONE, fetch: second.doFetch })).toBe('done');
    const resent = second.calls.filter((c) => c.method === 'PATCH').reduce((n, c) => n + c.bytes, 0);
    expect(resent).toBe(UPLOAD_CHUNK_BYTES * 2);
    expect(second.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('is refused for a phone an admin revoked: the device key travels with every request', async () => {
    const phone = randomBytes(32).toString('hex');
    await addOperator(server.storage, 'uploader');
    const { operator } = await signIn(server.origin, 'uploader', phone);
    await server.storage.operators.revokeDevices({ operatorId: operator.id }, new Date().toISOString());
    const { blob, attachment } = photo(10_000);
    expect(await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: phone })).not.toBe('done');
    expect(await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: randomBytes(32).toString('hex') })).toBe('done');
  });

  it('does not send a photo the server already holds', async () => {
    const { blob, attachment } = photo(10_000);
    await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: PHONE });
    const again = recordingFetch();
    expect(await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: PHONE, fetch: again.doFetch })).toBe('done');
    expect(again.calls.map((c) => c.method)).toEqual(['HEAD']);
  });

  it('starts over when the bytes do not match the hash', async () => {
    const { blob, attachment } = photo(5_000);
    const lying = { ...attachment, sha256: createHash('sha256').update('something else').digest('hex') };
    expect(await uploadAttachment(lying, blob, { baseUrl: server.origin, deviceKey: PHONE })).toBe('retry');
  });

  describe('sealed to the server key', () => {
    const sealKey = async () => (await (await fetch(`${server.origin}/api/v1/seal-key`)).json()) as SealKey;
    const held = (sha256: string) => readFile(join(server.dataDir, 'uploads', sha256));

    it('arrives as the original bytes, and the server keeps nothing else under the address', async () => {
      const { blob, attachment } = photo(UPLOAD_CHUNK_BYTES + 5_000);
      const plain = new Uint8Array(await blob.arrayBuffer());
      const sealed = new Blob([await sealBytes(plain, await sealKey(), attachment.sha256)]);
      const progress: number[] = [];
      const result = await uploadAttachment(attachment, sealed, { baseUrl: server.origin, deviceKey: PHONE, sealed: true, onProgress: (n) => { progress.push(n); } });
      expect(result).toBe('done');
      expect(progress.at(-1)).toBe(sealed.size);
      expect(new Uint8Array(await held(attachment.sha256))).toEqual(plain);
      expect((await readdir(join(server.dataDir, 'uploads'))).filter((name) => name.startsWith(attachment.sha256))).toEqual([attachment.sha256, `${attachment.sha256}.json`]);
      const head = await fetch(`${server.origin}/api/v1/uploads/${attachment.sha256}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', [DEVICE_KEY_HEADER]: PHONE } });
      expect(head.headers.get('Upload-Offset')).toBe(String(plain.length));
      expect(head.headers.get('Upload-Length')).toBe(String(plain.length));
    });

    it('is dropped when changed on the way, and the phone starts over', async () => {
      const { blob, attachment } = photo(8_000);
      const sealed = await sealBytes(new Uint8Array(await blob.arrayBuffer()), await sealKey(), attachment.sha256);
      sealed[sealed.length - 20]! ^= 1;
      expect(await uploadAttachment(attachment, new Blob([sealed]), { baseUrl: server.origin, deviceKey: PHONE, sealed: true })).toBe('retry');
      await expect(held(attachment.sha256)).rejects.toThrow();
    });

    it('is refused under another address (the envelope is bound to its hash)', async () => {
      const a = photo(6_000);
      const b = photo(6_001);
      const sealed = await sealBytes(new Uint8Array(await a.blob.arrayBuffer()), await sealKey(), a.attachment.sha256);
      expect(await uploadAttachment(b.attachment, new Blob([sealed]), { baseUrl: server.origin, deviceKey: PHONE, sealed: true })).toBe('retry');
      await expect(held(b.attachment.sha256)).rejects.toThrow();
    });

    it('is not sent again when the server already holds the photo, sent readable or sealed', async () => {
      const { blob, attachment } = photo(9_000);
      await uploadAttachment(attachment, blob, { baseUrl: server.origin, deviceKey: PHONE });
      const sealed = new Blob([await sealBytes(new Uint8Array(await blob.arrayBuffer()), await sealKey(), attachment.sha256)]);
      const again = recordingFetch();
      expect(await uploadAttachment(attachment, sealed, { baseUrl: server.origin, deviceKey: PHONE, sealed: true, fetch: again.doFetch })).toBe('done');
      expect(again.calls.map((c) => c.method)).toEqual(['HEAD']);
      const other = photo(9_001);
      const otherSealed = new Blob([await sealBytes(new Uint8Array(await other.blob.arrayBuffer()), await sealKey(), other.attachment.sha256)]);
      expect(await uploadAttachment(other.attachment, otherSealed, { baseUrl: server.origin, deviceKey: PHONE, sealed: true })).toBe('done');
      const third = recordingFetch();
      expect(await uploadAttachment(other.attachment, otherSealed, { baseUrl: server.origin, deviceKey: PHONE, sealed: true, fetch: third.doFetch })).toBe('done');
      expect(third.calls.map((c) => c.method)).toEqual(['HEAD']);
    });

    it('resumes a sealed upload after a dropped connection', async () => {
      const { blob, attachment } = photo(UPLOAD_CHUNK_BYTES * 2);
      const plain = new Uint8Array(await blob.arrayBuffer());
      const sealed = new Blob([await sealBytes(plain, await sealKey(), attachment.sha256)]);
      const first = recordingFetch(2);
      expect(await uploadAttachment(attachment, sealed, { baseUrl: server.origin, deviceKey: PHONE, sealed: true, fetch: first.doFetch })).toBe('retry');
      expect(await uploadAttachment(attachment, sealed, { baseUrl: server.origin, deviceKey: PHONE, sealed: true })).toBe('done');
      expect(new Uint8Array(await held(attachment.sha256))).toEqual(plain);
    });
  });
});
