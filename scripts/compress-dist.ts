// Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, so the server
// sends precompressed bytes at maximum compression instead of compressing on each request.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|json|webmanifest|svg|txt)$/;
/** Below this, compression saves less than the headers it costs. */
const MIN_BYTES = 512;

export function compressDir(dir: string): number {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // Dot folders (Vite's manifest, the server's page renderer) are read by the server, never sent.
    if (statSync(path).isDirectory()) { if (!name.startsWith('.')) count += compressDir(path); continue; }
    if (!TEXT.test(name)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < MIN_BYTES) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    count++;
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.XIZMAT_DIST ?? 'dist';
  console.log(`compress-dist: ${compressDir(dir)} files precompressed in ${dir}`);
}
