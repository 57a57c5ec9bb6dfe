import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SEED_ELEMENT_ID, SHELL_MARKERS, STRING_FILES_RECORD, type PageSeed } from '../../src/contract/index';
import { rawGet } from '../test-support/raw-get';
import { FIXTURE_CONTENT_DIR, startTestServer, type TestServer } from '../test-support/start-test-server';
import { FORM_PAGE_MODULE } from './page-routes';

const GUARD = 'var d=document.documentElement;';
const STYLE = 'main{max-width:40rem}';
/** A build's index.html with the markers scripts/prerender.ts writes, around the uz string preloads and the home screen. */
const INDEX_HTML = `<!doctype html><html lang="uz"><head><title>Xizmat</title><script type="module" src="/assets/index-1.js"></script>`
  + `<style>${STYLE}</style>${SHELL_MARKERS.preloadsOpen}<link rel="preload" as="fetch" crossorigin href="/assets/common-uz.json">${SHELL_MARKERS.preloadsClose}`
  + `<script>${GUARD}</script></head><body>${SHELL_MARKERS.appOpen}<h1>Davlat xizmatlari</h1>${SHELL_MARKERS.appClose}</body></html>`;
const MANIFEST = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_i18n.js'] },
  '_i18n.js': { file: 'assets/i18n-1.js' },
  [FORM_PAGE_MODULE]: { file: 'assets/form-route-1.js', imports: ['_i18n.js', '_validate.js'] },
  '_validate.js': { file: 'assets/validate-1.js' },
};
const STRINGS = { uz: ['assets/common-uz.json'], 'uz-Cyrl': ['assets/common-cyrl.json'], ru: ['assets/common-ru.json', 'assets/status-ru.json'], en: ['assets/common-en.json'] };
/** Stands in for the build of src/ui/render-page.tsx: says what it was asked to draw. */
const RENDERER = `const text = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
export async function renderPage(seed) {
  if (seed.locale === 'uz-Cyrl' && seed.path !== '/') throw new Error('the renderer broke');
  return '<main><h1 data-path="' + seed.path + '" data-locale="' + seed.locale + '">' + text(seed.service ? seed.service.name[seed.locale] : 'home') + '</h1></main>';
}`;

let server: TestServer;
let dist: string;
let content: string;
const HOSTILE_NAME = '</script><script>alert(1)</script> & "x"';

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'xizmat-dist-'));
  await mkdir(join(dist, '.vite'));
  await mkdir(join(dist, '.ssr'));
  await writeFile(join(dist, 'index.html'), INDEX_HTML);
  await writeFile(join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(join(dist, STRING_FILES_RECORD), JSON.stringify(STRINGS));
  await writeFile(join(dist, '.ssr', 'render-page.js'), RENDERER);
  // The fixture's content with one name that tries to close the seed's element.
  content = await mkdtemp(join(tmpdir(), 'xizmat-content-'));
  await cp(FIXTURE_CONTENT_DIR, content, { recursive: true });
  const catalogue = JSON.parse(await readFile(join(content, 'catalogue.json'), 'utf8'));
  catalogue.services[0].name.en = HOSTILE_NAME;
  await writeFile(join(content, 'catalogue.json'), JSON.stringify(catalogue));
  server = await startTestServer({ distDir: dist, contentDir: content });
});
afterAll(async () => {
  await server.close();
  await rm(dist, { recursive: true, force: true });
  await rm(content, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => rawGet(`${server.origin}${path}`, headers);
const html = (body: Buffer) => body.toString('utf8');
function seedOf(page: string): PageSeed {
  const match = new RegExp(`<script type="application/json" id="${PAGE_SEED_ELEMENT_ID}">([^<]*)</script>`).exec(page);
  if (!match) throw new Error('no seed in the page');
  return JSON.parse(match[1]!) as PageSeed;
}

describe('a first visit to the home page', () => {
  it('is rendered in the language Accept-Language prefers, with its lists in the seed and that language\'s strings preloaded', async () => {
    const response = await get('/', { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-language']).toBe('ru');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.vary).toContain('Accept-Language');
    const page = html(response.body);
    expect(page).toContain('<html lang="ru" data-rendered="1">');
    // The brand as Russian readers in Uzbekistan write it, in the title too.
    expect(page).toContain('<title>Хизмат</title>');
    expect(page).toContain('<main><h1 data-path="/" data-locale="ru">home</h1></main>');
    expect(page).not.toContain('Davlat xizmatlari');
    expect(page).toContain('<link rel="preload" as="fetch" crossorigin href="/assets/common-ru.json"><link rel="preload" as="fetch" crossorigin href="/assets/status-ru.json">');
    expect(page).not.toContain('href="/assets/common-uz.json"');
    const seed = seedOf(page);
    expect(seed).toMatchObject({ path: '/', locale: 'ru' });
    expect(seed.home?.services.length).toBeGreaterThan(0);
    // Lists only: the passports stay with the catalogue.
    expect(Object.keys(seed.home!.services[0]!).sort()).toEqual(['aliases', 'category', 'featured', 'fee', 'id', 'name']);
  });

  it('follows the language chosen on this phone (its cookie) over Accept-Language', async () => {
    const page = html((await get('/', { 'accept-language': 'ru', cookie: 'other=1; xizmat_locale=uz-Cyrl' })).body);
    expect(page).toContain('<html lang="uz-Cyrl" data-rendered="1">');
    expect(html((await get('/', { 'accept-language': 'ru', cookie: 'xizmat_locale=klingon' })).body)).toContain('lang="ru"');
    expect(html((await get('/')).body)).toContain('lang="uz"');
  });

  it('carries the shell\'s Content-Security-Policy: its only inline blocks are the shell\'s own, by hash', async () => {
    const response = await get('/', { 'accept-language': 'en' });
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' ${hash(GUARD)}`);
    expect(csp).toContain(`style-src 'self' ${hash(STYLE)}`);
    const inline = [...html(response.body).matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toEqual([GUARD]);
  });

  it('is sent brotli-compressed when taken, with an ETag that answers 304', async () => {
    const response = await get('/', { 'accept-language': 'en', 'accept-encoding': 'gzip, br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(html(brotliDecompressSync(response.body))).toContain('data-locale="en"');
    const etag = String(response.headers.etag);
    const again = await get('/', { 'accept-language': 'en', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get('/', { 'accept-language': 'ru', 'if-none-match': etag })).status).toBe(200);
  });
});

describe('a first visit to a form link', () => {
  it('is rendered with the service and its current form in the seed, its title, and its screen\'s code preloaded', async () => {
    const page = html((await get('/services/birth-certificate-copy', { 'accept-language': 'uz' })).body);
    const seed = seedOf(page);
    expect(seed.service?.id).toBe('birth-certificate-copy');
    expect(seed.form).toMatchObject({ serviceId: 'birth-certificate-copy', version: seed.service!.formVersion });
    expect(page).toContain(`<h1 data-path="/services/birth-certificate-copy" data-locale="uz">${seed.service!.name.uz}</h1>`);
    expect(page).toContain(`<title>${seed.service!.name.uz} · Xizmat</title>`);
    // Its screen and what that screen imports beyond the entry; nothing the entry loads already.
    expect(page).toContain('href="/assets/form-route-1.js"');
    expect(page).toContain('href="/assets/validate-1.js"');
    expect(page).not.toContain('href="/assets/i18n-1.js"');
  });

  it('keeps every text of the content inside the seed\'s element and the title as text', async () => {
    const page = html((await get('/services/birth-certificate-copy', { 'accept-language': 'en' })).body);
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(seedOf(page).service?.name.en).toBe(HOSTILE_NAME);
    expect(page).toContain('<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; · Xizmat</title>');
  });

  it('falls back to the app shell when the renderer fails, and tries again on the next request', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await get('/services/birth-certificate-copy', { cookie: 'xizmat_locale=uz-Cyrl' });
      expect(response.status).toBe(200);
      expect(html(response.body)).toBe(INDEX_HTML);
    }
  });

  it.each([
    ['/services/no-such-service', 'a service the catalogue does not have'],
    ['/services/birth-certificate-copy?step=1', 'a step of the app\'s own'],
    ['/services/birth-certificate-copy?draft=x', 'a draft of the app\'s own'],
    ['/?q=1', 'a home page with a query'],
    ['/outbox', 'any other screen'],
  ])('falls back to the app shell for %s (%s)', async (path) => {
    const response = await get(path, { 'accept-language': 'ru' });
    expect(response.status).toBe(200);
    expect(html(response.body)).toBe(INDEX_HTML);
  });
});
