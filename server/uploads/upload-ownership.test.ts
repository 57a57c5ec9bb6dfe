import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER } from '../../src/contract/index';
import { newDeviceKey } from '../test-support/operator-fixtures';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { jpegLikeBytes } from '../test-support/submission-fixtures';
import { localAttachmentStore } from './local-attachment-store';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const tus = (phone: string | null, extra: Record<string, string> = {}) => ({ 'Tus-Resumable': '1.0.0', ...(phone ? { [DEVICE_KEY_HEADER]: phone } : {}), ...extra });

const create = (phone: string | null, hash: string, length: number, extra: Record<string, string> = {}) => fetch(`${server.origin}/api/v1/uploads`, {
  method: 'POST', headers: tus(phone, { 'Upload-Length': String(length), 'Upload-Metadata': `sha256 ${b64(hash)},filetype ${b64('image/jpeg')}`, ...extra }),
});
const patch = (phone: string | null, hash: string, offset: number, body: Buffer, extra: Record<string, string> = {}) => fetch(`${server.origin}/api/v1/uploads/${hash}`, {
  method: 'PATCH', headers: tus(phone, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', ...extra }),
  body: new Uint8Array(body) as Uint8Array<ArrayBuffer>,
});
const head = (phone: string | null, hash: string, extra: Record<string, string> = {}) => fetch(`${server.origin}/api/v1/uploads/${hash}`, { method: 'HEAD', headers: tus(phone, extra) });
const stored = (hash: string) => readFile(join(server.dataDir, 'uploads', hash)).then(sha, () => null);

/** A server where two phones have each begun uploading the same photo of `size` bytes, at its right length. */
async function bothBegin(size: number) {
  server = await startTestServer();
  const phones = [newDeviceKey(), newDeviceKey()] as const;
  const photo = jpegLikeBytes(size);
  const hash = sha(photo);
  for (const phone of phones) expect((await create(phone, hash, photo.length)).status).toBe(201);
  return { phones, photo, hash };
}

describe('uploads belong to the phone that sends them', () => {
  it('refuses every upload request that carries no device key', async () => {
    server = await startTestServer();
    const photo = jpegLikeBytes(1_000);
    expect((await head(null, sha(photo))).status).toBe(401);
    for (const response of [await create(null, sha(photo), photo.length), await patch(null, sha(photo), 0, photo)]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('device_key_required');
    }
  });

  it('takes the real photo whole when someone who knows its hash began it first with a wrong length', async () => {
    server = await startTestServer();
    const [squatter, owner] = [newDeviceKey(), newDeviceKey()];
    const photo = jpegLikeBytes(50_000);
    const hash = sha(photo);
    expect((await create(squatter, hash, 10)).status).toBe(201);
    expect((await patch(squatter, hash, 0, photo.subarray(0, 5))).status).toBe(204);
    // The owner sees nothing of the squatter's upload and sends its own from the start.
    expect((await head(owner, hash)).status).toBe(404);
    expect((await create(owner, hash, photo.length)).status).toBe(201);
    expect((await patch(owner, hash, 0, photo.subarray(0, 20_000))).status).toBe(204);
    expect((await head(owner, hash)).headers.get('upload-offset')).toBe('20000');
    expect((await patch(owner, hash, 20_000, photo.subarray(20_000))).status).toBe(204);
    expect(await stored(hash)).toBe(hash);
    // Every phone now finds the file whole, the squatter included, and cannot write into it.
    const found = await head(squatter, hash);
    expect([found.headers.get('upload-offset'), found.headers.get('upload-length')]).toEqual(['50000', '50000']);
    expect((await patch(squatter, hash, 5, photo.subarray(5, 10))).status).toBe(409);
    expect((await create(squatter, hash, 10)).status).toBe(409);
    expect(await stored(hash)).toBe(hash);
  });

  it('lets a squatter who sends wrong bytes at the right length harm only its own upload', async () => {
    const { phones: [squatter, owner], photo, hash } = await bothBegin(8_000);
    expect((await patch(owner, hash, 0, photo.subarray(0, 4_000))).status).toBe(204);
    expect((await patch(squatter, hash, 0, jpegLikeBytes(8_000))).status).toBe(460);
    expect((await patch(owner, hash, 4_000, photo.subarray(4_000))).status).toBe(204);
    expect(await stored(hash)).toBe(hash);
  });

  it('keeps one file when two phones send the same photo at once', async () => {
    const { phones: [first, second], photo, hash } = await bothBegin(6_000);
    expect((await patch(first, hash, 0, photo)).status).toBe(204);
    expect((await patch(second, hash, 0, photo)).status).toBe(409);
    expect((await head(second, hash)).headers.get('upload-offset')).toBe('6000');
    expect(await stored(hash)).toBe(hash);
    // The second phone's own copy is dropped once it learns the file is here, so it holds no quota.
    expect(await localAttachmentStore(join(server.dataDir, 'uploads')).unfinished(createHash('sha256').update(second).digest('hex'))).toEqual({ count: 0, bytes: 0 });
  });
});

describe('what a phone may leave unfinished', () => {
  it('refuses a phone more unfinished uploads, by count or by bytes, than its quota, other phones unaffected', async () => {
    server = await startTestServer({ uploads: { quota: { unfinishedPerPhone: 2, unfinishedBytesPerPhone: 1_000 } } });
    const phone = newDeviceKey();
    const hashes = [1, 2, 3].map(() => sha(jpegLikeBytes(16)));
    expect((await create(phone, hashes[0]!, 100)).status).toBe(201);
    expect((await create(phone, hashes[1]!, 100)).status).toBe(201);
    expect((await create(phone, hashes[2]!, 100)).status).toBe(429);
    const other = newDeviceKey();
    const photo = jpegLikeBytes(900);
    expect((await create(other, sha(photo), 900)).status).toBe(201);
    expect((await create(other, hashes[1]!, 101)).status).toBe(429);
    // Finishing one frees its place.
    expect((await patch(other, sha(photo), 0, photo)).status).toBe(204);
    expect((await create(other, hashes[1]!, 101)).status).toBe(201);
  });

  it('removes unfinished uploads begun before the expiry, and keeps finished files and recent uploads', async () => {
    server = await startTestServer();
    const phone = newDeviceKey();
    const [finished, old] = [jpegLikeBytes(3_000), jpegLikeBytes(3_000)];
    await create(phone, sha(finished), finished.length);
    await patch(phone, sha(finished), 0, finished);
    await create(phone, sha(old), old.length);
    await patch(phone, sha(old), 0, old.subarray(0, 1_000));
    const store = localAttachmentStore(join(server.dataDir, 'uploads'));
    expect(await store.removeUnfinishedBefore(new Date(Date.now() - 60_000))).toBe(0);
    expect((await head(phone, sha(old))).headers.get('upload-offset')).toBe('1000');
    expect(await store.removeUnfinishedBefore(new Date(Date.now() + 60_000))).toBe(1);
    expect((await head(phone, sha(old))).status).toBe(404);
    expect((await head(phone, sha(finished))).headers.get('upload-offset')).toBe('3000');
    expect(await store.unfinished(createHash('sha256').update(phone).digest('hex'))).toEqual({ count: 0, bytes: 0 });
  });
});

describe('upload answers', () => {
  it('carry the security headers and no CORS header, whatever the Origin', async () => {
    server = await startTestServer();
    const phone = newDeviceKey();
    const photo = jpegLikeBytes(2_000);
    const evil = { Origin: 'https://evil.example' };
    for (const response of [await create(phone, sha(photo), photo.length, evil), await patch(phone, sha(photo), 0, photo, evil), await head(phone, sha(photo), evil)]) {
      expect(response.status).toBeLessThan(300);
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const preflight = await fetch(`${server.origin}/api/v1/uploads`, { method: 'OPTIONS', headers: { ...evil, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
