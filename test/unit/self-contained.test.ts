// The repository stands on its own: a newcomer has only what is in it. No tracked file may send
// them to a document kept outside it (a shared reference folder, a design note beside the
// repository) or to an issue by its number: say the why, and point at docs/ for the details.
// Every docs/ page a file names must exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** This file names the patterns it looks for, so it does not read itself. */
const SELF = 'test/unit/self-contained.test.ts';
/** Not ours to word: installed packages, build output, the lockfile. */
const NOT_READ = /^(node_modules|dist)(\/|$)|(^|\/)package-lock\.json$/;

interface Rule { what: string; pattern: RegExp }

/** What a line must not contain, and what to write instead. */
const RULES: readonly Rule[] = [
  { what: 'a folder outside the repository (bring the facts into docs/)', pattern: /\breference\/|\.\.\/shared\b|\bshared\/reference\b/ },
  { what: 'a design note outside the repository (say what it asks, or point at docs/)', pattern: /\b(?:DESIGN|STYLE)\.md\b|\banchors-features\b|\bidentity-and-payments\b/ },
  { what: 'a document by its bare name (write docs/<name>.md)', pattern: /(?<!\bdocs\/)\b(?:performance|toolchain|i18n|reliability)\.md\b/ },
  { what: 'a section sign with a number (name the section)', pattern: /§ ?\d/ },
  { what: 'an issue number (say what it is about)', pattern: /\bissues? ?\d/i },
];

/** A docs/ page named anywhere: `docs/performance.md`, not a path that merely ends in docs/x.md. */
const DOCS_PAGE = /(?<![\w./-])docs\/[\w./-]+?\.md\b/g;
/** A page and the section named right after it: docs/script.md, "Apostrophes" (or the root README's). */
const PAGE_SECTION = /((?<![\w./-])docs\/[\w./-]+?\.md|(?<![\w./-])README\.md)`?,? "([^"]+)"/g;

/**
 * Lines allowed to break a rule, each with its file and exact text. None today; an entry whose line
 * has gone fails below, so the list cannot outlive its reason.
 */
const KNOWN: ReadonlyArray<{ file: string; line: string }> = [];

/** The rules a line breaks, by what each asks for. */
function outsideReferences(line: string): string[] {
  return RULES.filter((rule) => rule.pattern.test(line)).map((rule) => rule.what);
}

/** Every tracked text file but the ones this test does not read, with its lines. */
function trackedTexts(): Array<{ file: string; lines: string[] }> {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files
    .filter((file) => file !== SELF && !NOT_READ.test(file) && existsSync(ROOT + file))
    .map((file) => ({ file, bytes: readFileSync(ROOT + file) }))
    .filter(({ bytes }) => !bytes.includes(0))
    .map(({ file, bytes }) => ({ file, lines: bytes.toString('utf8').split('\n') }));
}

const isKnown = (file: string, line: string) => KNOWN.some((k) => k.file === file && k.line === line.trim());

/** A page's headings without their #s and backticks; null when there is no such page. */
function headings(page: string): string[] | null {
  if (!existsSync(ROOT + page)) return null;
  return readFileSync(ROOT + page, 'utf8').split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, '').replaceAll('`', '').trim());
}

describe('the repository stands on its own', () => {
  const texts = trackedTexts();

  it('reads the tracked files', () => {
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.some(({ file }) => file === 'README.md')).toBe(true);
  });

  it('names no document outside it and no issue by number', () => {
    const found = texts.flatMap(({ file, lines }) => lines.flatMap((line, i) =>
      isKnown(file, line) ? [] : outsideReferences(line).map((what) => `${file}:${i + 1}: ${what}: ${line.trim()}`)));
    expect(found).toEqual([]);
  });

  it('names only docs/ pages that exist', () => {
    const missing = texts.flatMap(({ file, lines }) => lines.flatMap((line, i) =>
      [...line.matchAll(DOCS_PAGE)].map((m) => m[0]).filter((page) => !existsSync(ROOT + page)).map((page) => `${file}:${i + 1}: ${page}`)));
    expect(missing).toEqual([]);
  });

  it('names only sections those pages have', () => {
    const pages = new Map<string, string[] | null>();
    const headingsOf = (page: string) => pages.get(page) ?? pages.set(page, headings(page)).get(page)!;
    // A name may be the start of a longer heading: "Catalogue" for "Catalogue (bench/catalogue.ts)".
    const missing = texts.flatMap(({ file, lines }) => lines.flatMap((line, i) =>
      [...line.matchAll(PAGE_SECTION)]
        .filter(([, page, section]) => !(headingsOf(page!) ?? []).some((h) => h.startsWith(section!)))
        .map(([, page, section]) => `${file}:${i + 1}: ${page}, "${section}"`)));
    expect(missing).toEqual([]);
  });

  it('keeps no exception whose line is gone', () => {
    const stale = KNOWN.filter((k) => !texts.some(({ file, lines }) => file === k.file && lines.some((line) => line.trim() === k.line)));
    expect(stale).toEqual([]);
  });

  it('catches what it is for, and lets the docs/ pointers through', () => {
    const planted = [
      '// Budgets of performance.md section 8.',
      ' * the 1995 rules (reference/i18n.md 1.1)',
      '/** `SyncEvent` is missing from TypeScript\'s libs (toolchain.md). */',
      'Section numbers (§) refer to §1.4.',
      '// who applied for whom (issue 8).',
      'Issue 4\'s form figures',
      'the control of issues 5 and 9',
      'the table in DESIGN.md, "The outbox"',
      'See ../shared/reference/data/soato for the fixture.',
    ];
    for (const line of planted) expect(outsideReferences(line), line).not.toEqual([]);
    const fine = [
      '// T4 of docs/performance.md: search p95 within one frame.',
      '(docs/reliability.md, "What Workbox\'s background sync does")',
      'replays: "Replay", #600; Workbox #2599',
      'server/fuzz/issue-reproductions.ts',
      'RFC 9110 12.5.3',
    ];
    for (const line of fine) expect(outsideReferences(line), line).toEqual([]);
  });
});
