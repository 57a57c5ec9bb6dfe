import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueDelta, FormBatch } from '../src/contract/index';
import { rawGet } from './test-support/raw-get';
import { FIXTURE_CONTENT_DIR, startTestServer, type TestServer } from './test-support/start-test-server';

const dirs: string[] = [];
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A content dir with a second service, so one can change and another be removed. */
async function contentDir(edit: (catalogue: any) => void = () => undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-catalogue-'));
  dirs.push(dir);
  await cp(FIXTURE_CONTENT_DIR, dir, { recursive: true });
  const catalogue = JSON.parse(await readFile(join(dir, 'catalogue.json'), 'utf8'));
  const copy = structuredClone(catalogue.services[0]);
  copy.id = 'death-certificate-copy';
  copy.name.uz = 'Oʻlim toʻgʻrisidagi takroriy guvohnoma';
  catalogue.services.push(copy);
  const form = JSON.parse(await readFile(join(dir, 'forms/birth-certificate-copy.v1.json'), 'utf8'));
  for (const id of [copy.id, 'marriage-certificate-copy']) {
    await writeFile(join(dir, `forms/${id}.v1.json`), JSON.stringify({ ...form, serviceId: id }));
  }
  edit(catalogue);
  await writeFile(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  return dir;
}

/** Restarts the server on the same database with other content: what a deploy of new content does. */
async function restartWith(content: string): Promise<void> {
  const dataDir = server!.dataDir;
  await server!.close({ keepData: true });
  server = await startTestServer({ dataDir, contentDir: content });
}

const changes = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${server!.origin}/api/v1/catalogue/changes${query}`, { headers });

describe('GET /api/v1/catalogue/changes', () => {
  it('sends everything to a device that has nothing, with the version ETag', async () => {
    server = await startTestServer({ contentDir: await contentDir() });
    const response = await changes('');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const delta = (await response.json()) as CatalogueDelta;
    expect(delta).toMatchObject({ version: 1, reset: true, since: null, removed: [] });
    expect(delta.services.map((s) => s.id)).toEqual(['birth-certificate-copy', 'death-certificate-copy']);
    expect(response.headers.get('etag')).toBe(`"catalogue-${delta.epoch}-1"`);
  });

  it('answers 304 to a device that is up to date, and keeps the version over a restart with the same content', async () => {
    const content = await contentDir();
    server = await startTestServer({ contentDir: content });
    const first = await changes('');
    const { epoch } = (await first.json()) as CatalogueDelta;
    const etag = first.headers.get('etag')!;
    await restartWith(content);
    const again = await changes(`?since=1&epoch=${epoch}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('sends only what was added, changed and removed since the device\'s version', async () => {
    server = await startTestServer({ contentDir: await contentDir() });
    const first = await changes('');
    const { epoch } = (await first.json()) as CatalogueDelta;

    // One deploy changes a service's fee, another removes a service and adds one.
    await restartWith(await contentDir((c) => { c.services[0].fee.en = 'Changed fee'; }));
    await restartWith(await contentDir((c) => {
      c.services[0].fee.en = 'Changed fee';
      c.services[1].id = 'marriage-certificate-copy';
    }));

    const response = await changes(`?since=1&epoch=${epoch}`, { 'if-none-match': first.headers.get('etag')! });
    expect(response.status).toBe(200);
    const delta = (await response.json()) as CatalogueDelta;
    expect(delta).toMatchObject({ version: 3, since: 1, reset: false, removed: ['death-certificate-copy'] });
    expect(delta.services.map((s) => [s.id, s.fee.en])).toEqual([
      ['birth-certificate-copy', 'Changed fee'], ['marriage-certificate-copy', expect.any(String)],
    ]);
    expect(response.headers.get('etag')).toBe(`"catalogue-${epoch}-3"`);
    expect(((await (await changes(`?since=2&epoch=${epoch}`)).json()) as CatalogueDelta).services.map((s) => s.id))
      .toEqual(['marriage-certificate-copy']);
  });

  it('sends a reset to a device of another epoch (the server started a fresh database)', async () => {
    server = await startTestServer({ contentDir: await contentDir() });
    const delta = (await (await changes('?since=1&epoch=old-epoch', { 'if-none-match': '"catalogue-old-epoch-1"' })).json()) as CatalogueDelta;
    expect(delta).toMatchObject({ reset: true, since: null });
    expect(delta.services).toHaveLength(2);
  });

  it('sends one changed service, whole in four languages, in under 3 KB of brotli', async () => {
    server = await startTestServer({ contentDir: await contentDir() });
    const { epoch } = (await (await changes('')).json()) as CatalogueDelta;
    await restartWith(await contentDir((c) => { c.services[1].term.uz = 'Yangi muddat'; }));
    const response = await rawGet(`${server.origin}/api/v1/catalogue/changes?since=1&epoch=${epoch}`, { 'accept-encoding': 'br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.body.length).toBeLessThan(3 * 1024);
  });

  it('sends catalogue answers brotli-compressed once at best quality when the device takes br', async () => {
    server = await startTestServer({ contentDir: await contentDir() });
    const plain = await (await changes('')).text();
    const response = await rawGet(`${server.origin}/api/v1/catalogue/changes`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.body).toString('utf8')).toBe(plain);
    const again = await rawGet(`${server.origin}/api/v1/catalogue/changes`, { 'accept-encoding': 'br', 'if-none-match': String(response.headers.etag) });
    expect(again.status).toBe(304);
    const gzip = await rawGet(`${server.origin}/api/v1/catalogue/changes`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('refuses a since that is not a version', async () => {
    server = await startTestServer();
    for (const since of ['0', '-1', 'x', '1.5']) expect((await changes(`?since=${since}`)).status).toBe(400);
  });

  it('refuses since or epoch given twice with 400 bad_request', async () => {
    server = await startTestServer();
    for (const query of ['?since=1&since=1', '?since=1&epoch=a&epoch=b']) {
      const response = await changes(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
  });
});

describe('GET /api/v1/forms?keys=', () => {
  it('sends several form versions in one immutable answer, in the order asked', async () => {
    server = await startTestServer({ contentDir: await contentDir() });
    const response = await fetch(`${server.origin}/api/v1/forms?keys=death-certificate-copy:1,birth-certificate-copy:1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const batch = (await response.json()) as FormBatch;
    expect(batch.forms.map((f) => f.serviceId)).toEqual(['death-certificate-copy', 'birth-certificate-copy']);
  });

  it.each([
    ['', 400], ['nothing', 400], [Array.from({ length: 21 }, (_, i) => `s${i}:1`).join(','), 400],
    ['no-such-service:1', 404], ['birth-certificate-copy:9', 404],
  ])('answers keys=%s with %i', async (keys, status) => {
    server = await startTestServer();
    expect((await fetch(`${server.origin}/api/v1/forms?keys=${keys}`)).status).toBe(status);
  });

  it('refuses keys given twice with 400 bad_request rather than failing', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.origin}/api/v1/forms?keys=birth-certificate-copy:1&keys=birth-certificate-copy:1`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});
