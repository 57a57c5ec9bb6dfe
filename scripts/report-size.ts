// Prints the bytes a first visit needs and fails when the first-screen JavaScript is over budget
// (performance.md B1). Sizes are deterministic, so this is a test, unlike timings.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** B1: entry chunk plus everything it imports statically, compressed. */
export const FIRST_SCREEN_JS_BR_BUDGET = 35 * 1024;
export const FIRST_SCREEN_JS_GZ_BUDGET = 40 * 1024;

interface ManifestChunk { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; css?: string[] }

const br = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function firstScreenFiles(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the Vite manifest');
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(entry[0]);
  return [...files];
}

export function reportSize(dist: string): { br: number; gz: number; ok: boolean } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const js = Buffer.concat(firstScreenFiles(manifest).map((f) => readFileSync(join(dist, f))));
  const first = { br: br(js), gz: gz(js) };
  const ok = first.br <= FIRST_SCREEN_JS_BR_BUDGET && first.gz <= FIRST_SCREEN_JS_GZ_BUDGET;
  const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = allJs.reduce((sum, f) => sum + gz(readFileSync(join(dist, 'assets', f))), 0);
  const sw = gz(readFileSync(join(dist, 'sw.js')));
  const html = gz(readFileSync(join(dist, 'index.html')));
  console.log(`first-screen JS: ${kb(first.br)} brotli, ${kb(first.gz)} gzip (budget ${kb(FIRST_SCREEN_JS_BR_BUDGET)} br / ${kb(FIRST_SCREEN_JS_GZ_BUDGET)} gz) ${ok ? 'OK' : 'OVER BUDGET'}`);
  console.log(`all app JS: ${kb(lazy)} gzip in ${allJs.length} files; service worker: ${kb(sw)} gzip; index.html: ${kb(html)} gzip`);
  return { ...first, ok };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!reportSize(process.argv[2] ?? process.env.XIZMAT_DIST ?? 'dist').ok) process.exit(1);
}
