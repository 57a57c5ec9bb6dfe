import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, isUuidV7 } from '../src/contract/index';
import { openApiDocument } from './openapi';
import { UUID_V7_PATTERN } from './openapi-schemas';
import { rawGet } from './test-support/raw-get';
import { FIXTURE_CONTENT_DIR, startTestServer, type TestServer } from './test-support/start-test-server';
import { newId } from './test-support/submission-fixtures';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const api = (path: string, init?: RequestInit) => fetch(`${server.origin}/api/v1${path}`, init);
const fixture = async (file: string) => JSON.parse(await readFile(join(FIXTURE_CONTENT_DIR, file), 'utf8'));

describe('GET /api/v1/catalogue', () => {
  it('serves the catalogue with a strong ETag, no-cache and nosniff', async () => {
    const response = await api('/catalogue');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^"catalogue-[A-Za-z0-9_-]+-1"$/);
    const source = await fixture('catalogue.json');
    const body = await response.json();
    expect(body).toMatchObject({ version: 1, epoch: expect.any(String), categories: source.categories });
    expect(body.services).toEqual(source.services.map((s: object) => ({ ...s, formBytes: expect.any(Number) })));
  });

  it('answers 304 without a body when If-None-Match names the current ETag, also in a list or weak', async () => {
    const etag = (await api('/catalogue')).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `"old", ${etag}`, `W/${etag}`, '*']) {
      const response = await api('/catalogue', { headers: { 'if-none-match': ifNoneMatch } });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
  });

  it('answers 200 again when the ETag the client holds is stale', async () => {
    const response = await api('/catalogue', { headers: { 'if-none-match': '"stale"' } });
    expect(response.status).toBe(200);
  });
});

describe('GET /api/v1/forms/:serviceId/:version', () => {
  it('serves a form version as immutable, with an ETag', async () => {
    const response = await api('/forms/birth-certificate-copy/1');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('etag')!;
    expect(await response.json()).toEqual(await fixture('forms/birth-certificate-copy.v1.json'));
    expect((await api('/forms/birth-certificate-copy/1', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it.each([
    ['/forms/no-such-service/1', ERROR_CODES.unknownService],
    ['/forms/birth-certificate-copy/2', ERROR_CODES.unknownFormVersion],
    ['/forms/birth-certificate-copy/01', ERROR_CODES.unknownFormVersion],
    ['/forms/birth-certificate-copy/latest', ERROR_CODES.unknownFormVersion],
  ])('answers %s with 404 %s, not cached', async (path, code) => {
    const response = await api(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
  });
});

describe('GET /api/v1/services/:serviceId', () => {
  it('serves a service of the catalogue with its current form, revalidated by ETag', async () => {
    const response = await api('/services/birth-certificate-copy');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const source = await fixture('catalogue.json');
    const body = await response.json();
    expect(body.service).toEqual({ ...source.services.find((s: { id: string }) => s.id === 'birth-certificate-copy'), formBytes: expect.any(Number) });
    expect(body.form).toEqual(await fixture(`forms/birth-certificate-copy.v${body.service.formVersion}.json`));
    const etag = response.headers.get('etag')!;
    expect((await api('/services/birth-certificate-copy', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it.each(['/services/no-such-service', '/services/BIRTH-CERTIFICATE-COPY', '/services/birth-certificate-copy%00'])('answers %s with 404 unknown_service, not cached', async (path) => {
    const response = await api(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code: ERROR_CODES.unknownService, message: expect.any(String) } });
  });
});

describe('GET /api/v1/refs/soato', () => {
  it('serves the SOATO list with an ETag and no-cache', async () => {
    const response = await api('/refs/soato');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
    expect(await response.json()).toEqual(await fixture('refs/soato.json'));
  });
});

describe('unknown API routes', () => {
  it.each([
    ['GET', '/api/v1/nothing-here'],
    ['GET', '/api/v2/catalogue'],
    ['POST', '/api/v1/catalogue'],
    ['DELETE', '/api/v1/submissions'],
  ])('%s %s is a JSON 404 not_found', async (method, path) => {
    const response = await fetch(`${server.origin}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the OpenAPI 3.1 document, brotli-compressed when the client accepts it', async () => {
    const response = await rawGet(`${server.origin}/api/v1/openapi.json`, { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    const doc = JSON.parse(brotliDecompressSync(response.body).toString('utf8'));
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });

  it('sends small JSON uncompressed even when compression is accepted', async () => {
    const response = await rawGet(`${server.origin}/api/v1/submissions/not-an-id`, { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(400);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it("states the contract's UUIDv7 rule as its id pattern", () => {
    const pattern = new RegExp(UUID_V7_PATTERN);
    const samples = [newId(), newId().toUpperCase(), crypto.randomUUID(), 'not-an-id', `${newId()}x`];
    for (const sample of samples) expect(pattern.test(sample), sample).toBe(isUuidV7(sample));
  });
});
