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
 * Lines that still cite issue numbers where this change could not edit them: server/storage/ is
 * being rewritten on another branch, and src/ took comment edits only (these are test names).
 * WARNING: remove an entry when its line is reworded; an entry that matches no line fails below.
 */
const KNOWN: ReadonlyArray<{ file: string; line: string }> = [
  { file: 'server/storage/lifecycle-contract.ts', line: '* The application lifecycle, statuses by device and feedback (issue 9), owed by every Storage' },
  { file: 'server/storage/migrations.test.ts', line: 'it(\'moves a version 4 database to version 5 (operators, issue 8): its applications stay, as nobody\\\'s on-behalf\', () => {' },
  { file: 'server/storage/migrations.ts', line: '// The catalogue the server loads from content/ on start, with its version history (issue 3):' },
  { file: 'server/storage/migrations.ts', line: '// Phones report what no application carries, such as a browser that deleted their queue (issue 5).' },
  { file: 'server/storage/migrations.ts', line: '// The application lifecycle, statuses back to the phone that sent them, and feedback (issue 9).' },
  { file: 'server/storage/migrations.ts', line: '// who applied for whom (issue 8). device_operators keeps every operator a phone was bound to, so' },
  { file: 'server/storage/operator-contract.ts', line: '/** Operators, devices, refresh tokens, sign-in failures and server keys (issue 8), run against each adapter. */' },
  { file: 'server/storage/operator-storage.ts', line: '/** Operators, their tokens and phones, sign-in failures and server keys (issue 8); both adapters. */' },
  { file: 'server/storage/postgres-lifecycle.ts', line: '* The application lifecycle and feedback in PostgreSQL (issue 9), the same rules as SqliteLifecycle.' },
  { file: 'server/storage/postgres-migrations.ts', line: '// The lifecycle, statuses per phone and feedback (issue 9). status_seq comes from a sequence' },
  { file: 'server/storage/postgres-migrations.ts', line: '// who applied for whom (issue 8). device_operators keeps every operator a phone was bound to, so' },
  { file: 'server/storage/sqlite-lifecycle.ts', line: '/** Issue 8: the resident and their consent as received (JSON), or null for a person\'s own. */' },
  { file: 'server/storage/sqlite-lifecycle.ts', line: '/** Issue 8: the operator who applied (kept in its own column). */' },
  { file: 'server/storage/sqlite-lifecycle.ts', line: '* The application lifecycle and feedback in SQLite (issue 9). Every write runs in an IMMEDIATE' },
  { file: 'server/storage/storage.ts', line: '/** The operator who applied for a resident (issue 8), who may read it with a Bearer token; null otherwise. */' },
  { file: 'server/storage/storage.ts', line: '/** What a corrected resubmission (issue 9) did. */' },
  { file: 'server/storage/storage.ts', line: '/** Issue 8: the operator who applied for a resident, the resident and their consent; null for a person\'s own. */' },
  { file: 'server/storage/storage.ts', line: '/** Operators, their tokens and phones, sign-in failures and the server\'s keys (issue 8). */' },
  { file: 'src/core/handover/handover.test.ts', line: 'describe(\'hand-over files (issue 8)\', () => {' },
  { file: 'src/core/outbox/sealed-outbox.test.ts', line: 'describe.each(SYNC_SIDES)(\'sealed applications (issue 8), from $side\', ({ sync }) => {' },
  { file: 'src/core/outbox/sealed-outbox.test.ts', line: 'describe(\'sealed photos (issue 8)\', () => {' },
  { file: 'src/core/status/sync-statuses.test.ts', line: 'it(\'reopens a resident\\\'s returned application only while the resident is still on this phone (issue 8)\', async () => {' },
];

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
