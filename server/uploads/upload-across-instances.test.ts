import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEVICE_KEY_HEADER, sealBytes, type SealKey } from '../../src/contract/index';
import { buildApp } from '../build-app';
import { loadContent } from '../content/load-content';
import { SqliteStorage } from '../storage/sqlite-storage';
import { FIXTURE_CONTENT_DIR } from '../test-support/start-test-server';
import { jpegLikeBytes } from '../test-support/submission-fixtures';

/** One phone, whose requests reach either instance through the balancer. */
const TUS = { 'Tus-Resumable': '1.0.0', [DEVICE_KEY_HEADER]: 'e'.repeat(64) };
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Piece size and pause of the overlapping PATCHes: 8 pieces over ~200 ms. */
const SLOW_PIECE_BYTES = 8_000;
const SLOW_PIECE_PAUSE_MS = 25;

interface Instance {
  origin: string;
  app: FastifyInstance;
  storage: SqliteStorage;
}

/** One server instance: its own app and database, only the uploads directory shared (UPLOADS_DIR in a deployment). */
async function startInstance(uploadsDir: string, sealKeyJwk: string): Promise<Instance> {
  const storage = new SqliteStorage(':memory:');
  // One seal key for both, as instances on one PostgreSQL share it.
  const app = await buildApp({ content: await loadContent(FIXTURE_CONTENT_DIR), storage, distDir: join(uploadsDir, 'no-dist'), uploadsDir, serverKeys: { sealKeyJwk } });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, app, storage };
}

let sharedUploads: string;
let a: Instance;
let b: Instance;
beforeAll(async () => {
  sharedUploads = await mkdtemp(join(tmpdir(), 'xizmat-shared-uploads-'));
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const sealKeyJwk = JSON.stringify(await webcrypto.subtle.exportKey('jwk', pair.privateKey));
  [a, b] = await Promise.all([startInstance(sharedUploads, sealKeyJwk), startInstance(sharedUploads, sealKeyJwk)]);
});
afterAll(async () => {
  for (const instance of [a, b]) {
    await instance.app.close();
    await instance.storage.close();
  }
  await rm(sharedUploads, { recursive: true, force: true });
});

const patch = (origin: string, hash: string, offset: number, body: Buffer) => fetch(`${origin}/api/v1/uploads/${hash}`, {
  method: 'PATCH',
  headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
  body: new Uint8Array(body) as Uint8Array<ArrayBuffer>,
});
/** Sends `body` in pieces with a pause between them, so two such PATCHes overlap on the wire. */
function slowPatch(origin: string, hash: string, body: Buffer): Promise<Response> {
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (let at = 0; at < body.length; at += SLOW_PIECE_BYTES) {
        controller.enqueue(new Uint8Array(body.subarray(at, at + SLOW_PIECE_BYTES)));
        await new Promise((resolve) => setTimeout(resolve, SLOW_PIECE_PAUSE_MS));
      }
      controller.close();
    },
  });
  return fetch(`${origin}/api/v1/uploads/${hash}`, {
    method: 'PATCH', body: stream, duplex: 'half',
    headers: { ...TUS, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
  } as RequestInit);
}

const head = (origin: string, hash: string) => fetch(`${origin}/api/v1/uploads/${hash}`, { method: 'HEAD', headers: TUS });

describe('uploads across server instances sharing one uploads directory', () => {
  it('starts a file on one instance and finishes it on another, from the offset the second one reports', async () => {
    const photo = jpegLikeBytes(120_000);
    const hash = sha(photo);
    const created = await fetch(`${a.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': String(photo.length), 'Upload-Metadata': `sha256 ${b64(hash)}` },
    });
    expect(created.status).toBe(201);
    expect((await patch(a.origin, hash, 0, photo.subarray(0, 50_000))).status).toBe(204);

    const resumed = await head(b.origin, hash);
    expect([resumed.status, resumed.headers.get('upload-offset'), resumed.headers.get('upload-length')]).toEqual([200, '50000', '120000']);
    expect((await patch(b.origin, hash, 50_000, photo.subarray(50_000))).status).toBe(204);

    expect(sha(await readFile(join(sharedUploads, hash)))).toBe(hash);
    expect((await head(a.origin, hash)).headers.get('upload-offset')).toBe('120000');
  });

  it('refuses on one instance to create again a file another instance finished', async () => {
    const photo = jpegLikeBytes(4_000);
    const hash = sha(photo);
    await fetch(`${b.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': String(photo.length), 'Upload-Metadata': `sha256 ${b64(hash)}` },
    });
    expect((await patch(b.origin, hash, 0, photo)).status).toBe(204);
    const again = await fetch(`${a.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': String(photo.length), 'Upload-Metadata': `sha256 ${b64(hash)}` },
    });
    expect(again.status).toBe(409);
  });

  it('ends with the right file when one file is sent to two instances at once (no lock is shared between them)', async () => {
    const photo = jpegLikeBytes(64_000);
    const hash = sha(photo);
    await fetch(`${a.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': String(photo.length), 'Upload-Metadata': `sha256 ${b64(hash)}` },
    });
    // A phone whose first PATCH seems stuck retries through the balancer while the first still runs.
    const answers = await Promise.all([slowPatch(a.origin, hash, photo), slowPatch(b.origin, hash, photo)]);
    expect(answers.map((r) => r.status)).toContain(204);
    expect(sha(await readFile(join(sharedUploads, hash)))).toBe(hash);
    expect((await head(b.origin, hash)).headers.get('upload-offset')).toBe('64000');
  });

  it('opens on one instance a sealed file begun on another, and keeps only the opened bytes', async () => {
    const photo = jpegLikeBytes(90_000);
    const hash = sha(photo);
    const key = (await (await fetch(`${a.origin}/api/v1/seal-key`)).json()) as SealKey;
    const sealed = Buffer.from(await sealBytes(new Uint8Array(photo), key, hash));
    const created = await fetch(`${a.origin}/api/v1/uploads`, {
      method: 'POST', headers: { ...TUS, 'Upload-Length': String(sealed.length), 'Upload-Metadata': `sha256 ${b64(hash)},sealed ${b64('1')}` },
    });
    expect(created.status).toBe(201);
    expect((await patch(a.origin, hash, 0, sealed.subarray(0, 40_000))).status).toBe(204);
    expect((await patch(b.origin, hash, 40_000, sealed.subarray(40_000))).status).toBe(204);
    expect(Buffer.compare(await readFile(join(sharedUploads, hash)), photo)).toBe(0);
    const after = await head(a.origin, hash);
    expect([after.headers.get('upload-offset'), after.headers.get('upload-length')]).toEqual(['90000', '90000']);
  });
});
