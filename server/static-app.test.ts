import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from './test-support/raw-get';
import { startTestServer, type TestServer } from './test-support/start-test-server';

const GUARD = "if(location.pathname!=='/')document.documentElement.classList.add('booting')";
const CRITICAL_CSS = '.booting #app{visibility:hidden}';
const INDEX_HTML = `<!doctype html><title>Xizmat</title><script>${GUARD}</script><style>${CRITICAL_CSS}</style>`
  + '<script type="module" src="/assets/app-abc123.js"></script>';
const APP_JS = `export const greeting = ${JSON.stringify('Assalomu alaykum '.repeat(200))};`;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A dist/ shaped like Vite's output: hashed assets with .br/.gz siblings, the rest by plain name. */
async function makeFakeDist(): Promise<string> {
  const dist = await mkdtemp(join(tmpdir(), 'xizmat-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), INDEX_HTML);
  await writeFile(join(dist, 'index.html.br'), brotliCompressSync(INDEX_HTML));
  await mkdir(join(dist, '.vite'));
  await writeFile(join(dist, '.vite', 'manifest.json'), '{}');
  await writeFile(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
  await writeFile(join(dist, 'manifest.webmanifest'), '{"name":"Xizmat"}');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), APP_JS);
  await writeFile(join(dist, 'assets', 'app-abc123.js.br'), brotliCompressSync(APP_JS));
  await writeFile(join(dist, 'assets', 'app-abc123.js.gz'), gzipSync(APP_JS));
  return dist;
}

describe('the built app', () => {
  let server: TestServer;
  let dist: string;
  const get = (path: string, headers: Record<string, string> = {}) => rawGet(`${server.origin}${path}`, headers);

  beforeAll(async () => {
    dist = await makeFakeDist();
    server = await startTestServer({ distDir: dist });
  });
  afterAll(async () => {
    await server.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('sends the shell with a CSP that allows only this origin and, by hash, its own inline blocks', async () => {
    const response = await rawGet(`${server.origin}/services/passport`);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' ${hash(GUARD)};`);
    expect(csp).toContain(`style-src 'self' ${hash(CRITICAL_CSS)};`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY',
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
    });
    const api = await rawGet(`${server.origin}/api/v1/catalogue`);
    expect(api.headers['content-security-policy']).toBeUndefined();
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    expect(api.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves hashed assets as immutable', async () => {
    const response = await get('/assets/app-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body.toString()).toBe(APP_JS);
  });

  it('serves the brotli sibling when the client accepts br, still immutable and varying on Accept-Encoding', async () => {
    const response = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.body.equals(brotliCompressSync(APP_JS))).toBe(true);
  });

  it('serves the gzip sibling to a client that accepts only gzip', async () => {
    const response = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.equals(gzipSync(APP_JS))).toBe(true);
  });

  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest'])('serves %s with no-cache', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/outbox', '/services/birth-certificate-copy', '/services/birth-certificate-copy?step=2'])(
    'answers the navigation %s with index.html and no-cache',
    async (path) => {
      const response = await get(path, { accept: 'text/html' });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body.toString()).toBe(INDEX_HTML);
    },
  );

  it('answers a navigation with the brotli app shell when accepted', async () => {
    const response = await get('/outbox', { accept: 'text/html', 'accept-encoding': 'br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.body).toString()).toBe(INDEX_HTML);
  });

  it('lets a client revalidate index.html with its ETag', async () => {
    const first = await get('/');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const second = await get('/', { 'if-none-match': etag });
    expect(second.status).toBe(304);
  });

  it('answers a missing asset with a JSON 404, never with index.html', async () => {
    const response = await get('/assets/app-gone99.js');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body.toString()).error.code).toBe('not_found');
  });

  it("does not serve the build's dotfiles such as .vite/manifest.json", async () => {
    const response = await get('/.vite/manifest.json');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString()).error.code).toBe('not_found');
  });

  it('still answers unknown API routes with a JSON 404', async () => {
    const response = await get('/api/v1/outbox', { accept: 'text/html' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString()).error.code).toBe('not_found');
  });

  it('answers an API path that only the app\'s files take (a dot segment) with no-store, as every API error', async () => {
    for (const path of ['/api/v1/./statuses', '/%61pi/v1/x/../statuses']) {
      const response = await get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });
});

describe('without a built app', () => {
  it('serves the API and answers navigations with a 503 that says to build', async () => {
    const server = await startTestServer({ distDir: join(tmpdir(), 'xizmat-no-such-dist') });
    try {
      const page = await fetch(`${server.origin}/outbox`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      const body = (await page.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('app_not_built');
      expect(body.error.message).toContain('npm run build');
      expect((await fetch(`${server.origin}/`)).status).toBe(503);
      expect((await fetch(`${server.origin}/api/v1/catalogue`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
