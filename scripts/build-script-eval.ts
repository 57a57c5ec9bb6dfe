/**
 * Builds the running-text evaluation of the transliterator: texts published in both Uzbek scripts by
 * people who are not us, kept apart from what the rules and dictionaries are built from (docs/script.md,
 * "The running-text evaluation"). Nothing here may be copied into a dictionary: it only measures.
 *
 * - Unicode CLDR (npm packages cldr-*-full, Unicode licence): every string that CLDR has for both `uz`
 *   and `uz-Cyrl` at the same path, committed as src/core/script/benchmark/running-text-cldr.tsv.
 * - Gettext catalogues of free desktop software in Debian that ship both `uz` and `uz@cyrillic`
 *   (GNOME, Cinnamon, KDE and others, GPL or LGPL): paired by message, written to
 *   .cache/script-eval/gettext.tsv and not committed, because their licences are not ours.
 *
 *   npx tsx scripts/build-script-eval.ts            both (gettext needs apt-get and the Debian archive)
 *   npx tsx scripts/build-script-eval.ts --cldr     CLDR only
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cyrillicToLatin } from '../src/core/script/cyrillic-to-latin';
import { countWords, words, type Segment } from './running-text-score';

const root = new URL('../', import.meta.url);
const CLDR_OUT = new URL('src/core/script/benchmark/running-text-cldr.tsv', root);
const CLDR_LICENSE = new URL('src/core/script/benchmark/CLDR-LICENSE', root);
const CACHE = new URL('.cache/script-eval/', root);

/** CLDR packages whose `uz-Cyrl` locale has text of its own. */
const CLDR_PACKAGES = ['cldr-localenames-full', 'cldr-dates-full', 'cldr-misc-full', 'cldr-units-full', 'cldr-numbers-full'];
const CLDR_VERSION = '48.2.0';

/**
 * The Debian 12 packages that ship gettext catalogues in both `uz` and `uz@cyrillic` (every one that
 * `apt-file search` finds). Their translations are GPL or LGPL, as each package's copyright file says.
 */
const GETTEXT_PACKAGES = [
  'akregator', 'ark', 'asunder', 'calligra-data', 'calligrasheets-data', 'calligrastage-data',
  'calligrawords-data', 'cinnamon-desktop-data', 'cinnamon-l10n', 'dolphin', 'drkonqi', 'eog',
  'epiphany-browser-data', 'gdm3', 'gnome-control-center-data', 'gnome-desktop3-data', 'gnome-nettool',
  'gnome-panel-data', 'gnome-session-common', 'isomaster', 'juk', 'kaddressbook-data', 'kalarm',
  'kate5-data', 'kcalc', 'kcharselect', 'kde-cli-tools-data', 'kdepim-addons', 'kdf', 'kdialog',
  'kdoctools5', 'kf5-messagelib-data', 'kfind', 'kfloppy', 'kget', 'khelpcenter', 'khotkeys-data',
  'kinfocenter', 'kinit', 'kio', 'kio-extras-data', 'kio-ldap', 'kjots', 'kleopatra', 'kmail', 'kmenuedit',
  'kmix', 'knotes', 'kolourpaint', 'konq-plugins', 'konqueror', 'konsole', 'konsolekalendar', 'kontact',
  'korganizer', 'krita-l10n', 'kross', 'kruler', 'ktexteditor-data', 'ktimetracker', 'kwalletmanager',
  'kwin-data', 'libgdk-pixbuf2.0-common', 'libgtk-3-common', 'libgtk-4-common', 'libgtk2.0-common',
  'libkf5calendarsupport-data', 'libkf5configwidgets-data', 'libkf5declarative-data', 'libkf5i18n-data',
  'libkf5iconthemes-data', 'libkf5jsembed-data', 'libkf5kcmutils-data', 'libkf5kdelibs4support-data',
  'libkf5khtml-data', 'libkf5konq6', 'libkf5ksieve-data', 'libkf5libkdepim-data', 'libkf5mime-data',
  'libkf5newstuff-data', 'libkf5notifyconfig-data', 'libkf5parts-data', 'libkf5pty-data',
  'libkf5service-data', 'libkf5textwidgets-data', 'libkf5xmlgui-data', 'nautilus-data',
  'plasma-desktop-data', 'plasma-workspace-data', 'remmina-common', 'sweeper', 'yelp',
];

function sh(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

/** Only text with letters on both sides, different in the two scripts, and no Latin letters in the Cyrillic. */
function isUsable(latin: string, cyrillic: string): boolean {
  const bare = (s: string) => s.replace(/\{[^{}]*\}|%[\d$]*[sdlu]|\$\{[^}]*\}/g, '');
  return /\p{L}/u.test(latin) && /\p{Script=Cyrillic}/u.test(cyrillic) && latin !== cyrillic
    && !/[A-Za-z]/.test(bare(cyrillic)) && /[A-Za-z]/.test(bare(latin));
}

/** A word reduced to what both scripts write alike: no apostrophes, y or soft signs, ts as s. */
const skeleton = (word: string) => word.toLowerCase().replace(/[^a-z]/g, '').replace(/y/g, '').replace(/ts/g, 's');

/**
 * True when the two sides are one text in two scripts, not two translations (CLDR's uz and uz-Cyrl
 * were translated apart: keyin and сўнг): as many words on each side, and each Cyrillic word, read by
 * the plain letter rules, has the letters of its Latin word once what the spelling of loans decides
 * (apostrophes, y, ь ъ, ts or s) is set aside. The rules only decide which texts are parallel, never
 * what is right.
 */
function isParallel(latin: string, cyrillic: string): boolean {
  const lat = words(latin);
  const cyr = words(cyrillic);
  if (lat.length !== cyr.length || lat.length === 0) return false;
  return lat.every((l, k) => {
    return skeleton(l) === skeleton(cyrillicToLatin(cyr[k]!));
  });
}

function walk(value: unknown, path: string, out: Map<string, string>): void {
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k}`, out);
}

function cldrSegments(): Segment[] {
  const dir = mkdtempSync(join(tmpdir(), 'cldr-'));
  const segments: Segment[] = [];
  const seen = new Set<string>();
  for (const pkg of CLDR_PACKAGES) {
    const tgz = sh('npm', ['pack', `${pkg}@${CLDR_VERSION}`, '--silent'], dir).trim().split('\n').at(-1)!;
    const into = join(dir, pkg);
    mkdirSync(into);
    sh('tar', ['-xzf', join(dir, tgz), '-C', into]);
    const main = join(into, 'package/main');
    writeFileSync(CLDR_LICENSE, readFileSync(join(into, 'package/LICENSE')));
    for (const file of readdirSync(join(main, 'uz-Cyrl')).sort()) {
      const latin = new Map<string, string>();
      const cyrillic = new Map<string, string>();
      walk(JSON.parse(readFileSync(join(main, 'uz', file), 'utf8')).main.uz, '', latin);
      walk(JSON.parse(readFileSync(join(main, 'uz-Cyrl', file), 'utf8')).main['uz-Cyrl'], '', cyrillic);
      for (const [path, cyr] of cyrillic) {
        const lat = latin.get(path);
        // the same pair at several paths (the generic, ISO and Gregorian calendars) counts once
        if (lat === undefined || !isUsable(lat, cyr) || !isParallel(lat, cyr) || path.includes('/narrow') || seen.has(`${lat}\t${cyr}`)) continue;
        seen.add(`${lat}\t${cyr}`);
        segments.push({ id: `${pkg}/${file}${path}`, latin: lat, cyrillic: cyr });
      }
    }
  }
  return segments;
}

/** The strings of a gettext .mo file: msgid (with its context) → first translation. */
export function readMo(bytes: Buffer): Map<string, string> {
  const magic = bytes.readUInt32LE(0);
  const read = magic === 0x950412de ? (at: number) => bytes.readUInt32LE(at) : (at: number) => bytes.readUInt32BE(at);
  const count = read(8);
  const originals = read(12);
  const translations = read(16);
  const strings = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const text = (table: number) => bytes.subarray(read(table + 8 * i + 4), read(table + 8 * i + 4) + read(table + 8 * i)).toString('utf8');
    const id = text(originals).split('\0')[0]!;
    if (id === '') continue; // the header
    strings.set(id, text(translations).split('\0')[0]!);
  }
  return strings;
}

/** A UI string as running text: no keyboard accelerators, markup or printf placeholders. */
function plain(text: string): string {
  return text.replace(/<[^<>]+>/g, ' ').replace(/&(?=\p{L})|_(?=\p{L})/gu, '').replace(/%[\d$]*[a-zA-Z]|%\([^)]*\)[a-z]|\{\w*\}/g, ' ')
    .replace(/\s+/g, ' ').trim();
}

function gettextSegments(): Segment[] {
  const debs = new URL('debs/', CACHE);
  mkdirSync(debs, { recursive: true });
  const segments: Segment[] = [];
  const seen = new Set<string>();
  for (const pkg of GETTEXT_PACKAGES) {
    if (!readdirSync(debs).some((f) => f.startsWith(`${pkg}_`))) sh('apt-get', ['download', pkg], debs.pathname);
    const deb = readdirSync(debs).find((f) => f.startsWith(`${pkg}_`))!;
    const into = join(debs.pathname, `${pkg}.x`);
    if (!existsSync(into)) sh('dpkg-deb', ['-x', join(debs.pathname, deb), into]);
    const latinDir = join(into, 'usr/share/locale/uz/LC_MESSAGES');
    const cyrillicDir = join(into, 'usr/share/locale/uz@cyrillic/LC_MESSAGES');
    if (!existsSync(latinDir) || !existsSync(cyrillicDir)) continue;
    for (const file of readdirSync(cyrillicDir).filter((f) => f.endsWith('.mo')).sort()) {
      if (!existsSync(join(latinDir, file))) continue;
      const latin = readMo(readFileSync(join(latinDir, file)));
      const cyrillic = readMo(readFileSync(join(cyrillicDir, file)));
      for (const [id, cyr] of cyrillic) {
        const lat = latin.get(id);
        if (lat === undefined) continue;
        const [l, c] = [plain(lat), plain(cyr)];
        // the same message in several packages (GTK 2, 3 and 4) counts once
        const key = `${l}\t${c}`;
        if (!isUsable(l, c) || !isParallel(l, c) || l === plain(id) || c === plain(id) || seen.has(key)) continue;
        seen.add(key);
        segments.push({ id: `${pkg}/${file}/${segments.length}`, latin: l, cyrillic: c });
      }
    }
  }
  return segments;
}

const tsv = (header: string[], segments: Segment[]) => [
  ...header.map((h) => `# ${h}`),
  'id\tlatin\tcyrillic',
  ...segments.map((s) => [s.id, s.latin, s.cyrillic].map((f) => f.replace(/[\t\n]/g, ' ')).join('\t')),
].join('\n') + '\n';

function report(name: string, segments: Segment[]): void {
  console.log(`${name}: ${segments.length} segments, ${countWords(segments.map((s) => s.latin))} Latin words, `
    + `${countWords(segments.map((s) => s.cyrillic))} Cyrillic words`);
}

const cldr = cldrSegments();
writeFileSync(CLDR_OUT, tsv([
  `Unicode CLDR ${CLDR_VERSION} (npm ${CLDR_PACKAGES.join(', ')}): strings that CLDR has for both uz and uz-Cyrl.`,
  'Unicode License v3, see CLDR-LICENSE. Built by scripts/build-script-eval.ts; used only to measure.',
], cldr));
report('CLDR', cldr);

if (!process.argv.includes('--cldr')) {
  const gettext = gettextSegments();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(new URL('gettext.tsv', CACHE), tsv([
    `Gettext catalogues of Debian 12 packages: ${GETTEXT_PACKAGES.join(', ')}.`,
    'Their translations are GPL or LGPL (each package\'s /usr/share/doc/<package>/copyright): not committed.',
    'Built by scripts/build-script-eval.ts; used only to measure.',
  ], gettext));
  report('gettext', gettext);
}
