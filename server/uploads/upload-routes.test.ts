import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER, MAX_ATTACHMENT_BYTES, sealBytes, type SealKey } from '../../src/contract/index';
import { newDeviceKey } from '../test-support/operator-fixtures';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { jpegLikeBytes } from '../test-support/submission-fixtures';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

/** The phone of most tests; every upload request carries a device key. */
const PHONE = newDeviceKey();
const TUS = { 'Tus-Resumable': '1.0.0', [DEVICE_KEY_HEADER]: PHONE };
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function create(hash: string, length: number): Promise<Response> {
  return fetch(`${server.origin}/api/v1/uploads`, {
    method: 'POST', headers: { ...TUS, 'Upload-Length': String(length), 'Upload-Metadata': `sha256 ${b64(hash)},filetype ${b64('image/jpeg')}` },
  });
}

function patch(hash: string, offset: number, body: Buffer): Promise<Response> {
  return fetch(`${server.origin}/api/v1/uploads/${hash}`, {
    method: 'PATCH', headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, body: new Uint8Array(body) as Uint8Array<ArrayBuffer>,
  });
}

const head = (hash: string) => fetch(`${server.origin}/api/v1/uploads/${hash}`, { method: 'HEAD', headers: TUS });

describe('attachment uploads (tus)', () => {
  it('takes a file in two pieces, resumes from the offset, and keeps it under its hash', async () => {
    const photo = jpegLikeBytes(150_000);
    const hash = sha(photo);
    expect((await head(hash)).status).toBe(404);
    expect((await create(hash, photo.length)).status).toBe(201);
    const first = await patch(hash, 0, photo.subarray(0, 60_000));
    expect(first.status).toBe(204);
    expect((await head(hash)).headers.get('upload-offset')).toBe('60000');
    expect((await patch(hash, 60_000, photo.subarray(60_000))).status).toBe(204);
    expect(sha(await readFile(join(server.dataDir, 'uploads', hash)))).toBe(hash);
  });

  it('refuses to create a file it already holds, so a repeat never truncates it', async () => {
    const photo = jpegLikeBytes(10_000);
    const hash = sha(photo);
    await create(hash, photo.length);
    await patch(hash, 0, photo);
    expect((await create(hash, photo.length)).status).toBe(409);
    const again = await head(hash);
    expect([again.headers.get('upload-offset'), again.headers.get('upload-length')]).toEqual(['10000', '10000']);
  });

  it('drops a finished file whose bytes do not match its hash', async () => {
    const photo = jpegLikeBytes(5_000);
    const claimed = sha(randomBytes(8));
    await create(claimed, photo.length);
    expect((await patch(claimed, 0, photo)).status).toBe(460);
    expect((await head(claimed)).status).toBe(404);
  });

  it('refuses an id that is not a sha256, and a file over the limit', async () => {
    const bad = await fetch(`${server.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': '10', 'Upload-Metadata': `sha256 ${b64('../../etc/passwd')}` },
    });
    expect(bad.status).toBe(400);
    expect((await create(sha(randomBytes(4)), 50 * 1024 * 1024)).status).toBe(413);
    // The margin for a sealed file's header and tag is for sealed files only.
    expect((await create(sha(randomBytes(4)), MAX_ATTACHMENT_BYTES + 1)).status).toBe(413);
  });

  it('opens a sealed file and checks the opened bytes as any other', async () => {
    const key = (await (await fetch(`${server.origin}/api/v1/seal-key`)).json()) as SealKey;
    const text = Buffer.from('not a photo at all '.repeat(100));
    const hash = sha(text);
    const sealed = Buffer.from(await sealBytes(new Uint8Array(text), key, hash));
    const created = await fetch(`${server.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': String(sealed.length), 'Upload-Metadata': `sha256 ${b64(hash)},sealed ${b64('1')}` },
    });
    expect(created.status).toBe(201);
    expect((await patch(hash, 0, sealed)).status).toBe(415);
    expect((await head(hash)).status).toBe(404);
  });

  it('keeps only PDF, JPEG and PNG files, known by their first bytes whatever the upload claims', async () => {
    const script = Buffer.from('#!/bin/sh\necho this is not a document\n');
    const hash = sha(script);
    await create(hash, script.length);
    const finished = await patch(hash, 0, script);
    expect(finished.status).toBe(415);
    expect((await fetch(`${server.origin}/api/v1/uploads/${hash}`, { method: 'HEAD', headers: TUS })).status).toBe(404);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    await create(sha(pdf), pdf.length);
    expect((await patch(sha(pdf), 0, pdf)).status).toBe(204);
  });

  it('refuses a creation that asks for concatenation or a deferred length with 400 bad_request, and begins nothing', async () => {
    const photo = jpegLikeBytes(1_000);
    const hash = sha(photo);
    const metadata = { 'Upload-Metadata': `sha256 ${b64(hash)},filetype ${b64('image/jpeg')}` };
    for (const asked of [
      { 'Upload-Concat': 'partial', 'Upload-Length': String(photo.length) } as Record<string, string>,
      { 'Upload-Concat': `final;/api/v1/uploads/${hash}` },
      { 'Upload-Defer-Length': '1' },
      { 'Upload-Defer-Length': '1', 'Upload-Length': String(photo.length) },
    ]) {
      const refused = await fetch(`${server.origin}/api/v1/uploads`, { method: 'POST', headers: { ...TUS, ...metadata, ...asked } });
      expect(refused.status, JSON.stringify(asked)).toBe(400);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    expect((await head(hash)).status).toBe(404);
  });

  it('lets nobody delete or read back an upload', async () => {
    const photo = jpegLikeBytes(1_000);
    const hash = sha(photo);
    await create(hash, photo.length);
    await patch(hash, 0, photo);
    expect((await fetch(`${server.origin}/api/v1/uploads/${hash}`, { method: 'DELETE', headers: TUS })).status).toBe(404);
    expect((await fetch(`${server.origin}/api/v1/uploads/${hash}`)).status).toBe(404);
  });
});
