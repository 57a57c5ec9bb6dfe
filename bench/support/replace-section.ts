import { readFileSync, writeFileSync } from 'node:fs';

const DOC = new URL('../../docs/benchmarks.md', import.meta.url);

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in docs/benchmarks.md, or appends it. */
export function replaceSection(name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = `${start}\n${markdown.trim()}\n${end}`;
  const doc = readFileSync(DOC, 'utf8');
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), () => text) : `${doc.trimEnd()}\n\n${text}\n`;
  writeFileSync(DOC, next);
}
