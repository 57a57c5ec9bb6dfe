// Builds content/refs/soato.json (regions and districts) from the MIT SOATO fixture of
// dcopm999/uzsoato_registry. Run: npx tsx scripts/build-soato.ts. See docs/content.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Localized } from '../src/contract/locales';
import type { District, Region, SoatoList } from '../src/contract/reference-lists';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
/**
 * The source (dcopm999/uzsoato_registry soato/fixtures/soato.json at 7827d70843bb, MIT) and its
 * licence, kept in the repo so a fresh clone builds and tests without anything beside it.
 */
export const FIXTURE_PATH = resolve(REPO, 'content/refs/source/soato-2021.json');
const FIXTURE_LICENSE_PATH = resolve(REPO, 'content/refs/source/SOATO-2021-LICENSE');
export const OUTPUT_PATH = resolve(REPO, 'content/refs/soato.json');
const LICENSE_OUTPUT_PATH = resolve(REPO, 'content/refs/SOATO-LICENSE');

/** Source date (fixture rows are stamped 2021-04-15) plus the units added by hand below. */
const SOATO_VERSION = '2021-04-15+2022-fixes';

/** English region names: the usual English exonyms (docs/content.md, "refs/soato.json"). */
const REGION_EN: Record<string, string> = {
  '1703': 'Andijan Region',
  '1706': 'Bukhara Region',
  '1708': 'Jizzakh Region',
  '1710': 'Kashkadarya Region',
  '1712': 'Navoi Region',
  '1714': 'Namangan Region',
  '1718': 'Samarkand Region',
  '1722': 'Surkhandarya Region',
  '1724': 'Syrdarya Region',
  '1726': 'Tashkent City',
  '1727': 'Tashkent Region',
  '1730': 'Fergana Region',
  '1733': 'Khorezm Region',
  '1735': 'Republic of Karakalpakstan',
};

interface AddedUnit {
  code: string;
  uz: string;
  uzCyrl: string;
  ru: string;
}

/**
 * Units created after the fixture was taken (docs/content.md, "refs/soato.json"). The type follows the code
 * (5th digit 4 = the city block). Davlatobod and Yangi Namangan are districts inside Namangan
 * city, named as such; the Russian names are our rendering (docs/content.md).
 */
const ADDED_UNITS: AddedUnit[] = [
  { code: '1710240', uz: 'Koʻkdala tumani', uzCyrl: 'Кўкдала тумани', ru: 'Кукдалинский район' },
  { code: '1714410', uz: 'Davlatobod tumani', uzCyrl: 'Давлатобод тумани', ru: 'Давлатабадский район' },
  { code: '1714415', uz: 'Yangi Namangan tumani', uzCyrl: 'Янги Наманган тумани', ru: 'Янги Наманганский район' },
  { code: '1724414', uz: 'Baxt', uzCyrl: 'Бахт', ru: 'Бахт' },
];

/** Codes in the district table that are list headings, not units. */
const HEADER_CODES = new Set(['1726260']);
const DISTRICT_CODE = /^17(\d\d)([24])(\d\d)$/;

interface FixtureRow {
  model: string;
  fields: { soato: string; name: string; name_cyr: string; name_rus: string };
}

/** Every way an apostrophe arrives in Uzbek Latin text (docs/script.md, "Apostrophes"). */
const APOSTROPHES = /['‘’`´ʻʼʹ′＇]/g;
const OKINA = 'ʻ'; // U+02BB, for oʻ and gʻ
const TUTUQ = 'ʼ'; // U+02BC, the tutuq belgisi

/** Latin look-alikes found inside Cyrillic words, mapped to the Cyrillic letter they imitate. */
const HOMOGLYPHS: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', k: 'к', o: 'о', p: 'р', x: 'х', y: 'у',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

function tidy(text: string): string {
  return text.replace(/\uFEFF/g, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Uzbek Latin: U+02BB after o/g, U+02BC for every other apostrophe. */
export function cleanLatin(text: string): string {
  return tidy(text).replace(APOSTROPHES, (_mark, offset: number, whole: string) =>
    /[oOgG]/.test(whole[offset - 1] ?? '') ? OKINA : TUTUQ,
  );
}

/** Cyrillic (Uzbek or Russian): Latin look-alikes to Cyrillic; any other Latin letter is an error. */
export function cleanCyrillic(text: string): string {
  const fixed = tidy(text).replace(/[A-Za-z]/g, (ch) => HOMOGLYPHS[ch] ?? ch);
  if (/[A-Za-z]/.test(fixed)) throw new Error(`Latin letter with no Cyrillic look-alike in "${fixed}"`);
  return fixed;
}

/** English district name by rule: "X tumani" → "X District", "X shahri" or a bare city → "X City". */
function englishDistrictName(uz: string, type: District['type']): string {
  const district = /^(.+) tumani$/.exec(uz);
  if (district) return `${district[1]} District`;
  const city = /^(.+) shahri$/.exec(uz);
  if (city) return `${city[1]} City`;
  if (type === 'city') return `${uz} City`;
  throw new Error(`No English rule for "${uz}"`);
}

function localized(uz: string, uzCyrl: string, ru: string, en: string): Localized {
  return { uz: cleanLatin(uz), 'uz-Cyrl': cleanCyrillic(uzCyrl), ru: cleanCyrillic(ru), en };
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** The pure build: fixture text in, cleaned regions and districts out, sorted by code. */
export function buildSoato(fixtureText: string): SoatoList {
  const rows = JSON.parse(fixtureText.replace(/^\uFEFF/, '')) as FixtureRow[];
  const regions: Region[] = [];
  const districts: District[] = [];
  for (const { model, fields } of rows) {
    const code = tidy(fields.soato);
    if (model === 'soato.region') {
      const en = REGION_EN[code];
      if (!en) throw new Error(`Unknown region ${code}`);
      regions.push({ code, name: localized(fields.name, fields.name_cyr, fields.name_rus, en) });
      continue;
    }
    if (model !== 'soato.district') continue;
    const parts = DISTRICT_CODE.exec(code);
    if (!parts || parts[3] === '00' || HEADER_CODES.has(code)) continue;
    const type: District['type'] = parts[2] === '4' ? 'city' : 'district';
    const uz = cleanLatin(fields.name);
    const name = localized(uz, fields.name_cyr, fields.name_rus, englishDistrictName(uz, type));
    districts.push({ code, region: code.slice(0, 4), type, name });
  }
  for (const unit of ADDED_UNITS) {
    if (districts.some((d) => d.code === unit.code)) throw new Error(`${unit.code} is already in the fixture`);
    const type: District['type'] = unit.code[4] === '4' ? 'city' : 'district';
    const name = localized(unit.uz, unit.uzCyrl, unit.ru, englishDistrictName(cleanLatin(unit.uz), type));
    districts.push({ code: unit.code, region: unit.code.slice(0, 4), type, name });
  }
  const known = new Set(regions.map((r) => r.code));
  for (const d of districts) {
    if (!known.has(d.region)) throw new Error(`District ${d.code} has no region ${d.region}`);
  }
  return { version: SOATO_VERSION, regions: regions.sort(byCode), districts: districts.sort(byCode) };
}

/** The exact bytes committed as content/refs/soato.json. */
export function serializeSoato(list: SoatoList): string {
  return `${JSON.stringify(list, null, 2)}\n`;
}

function main(): void {
  const list = buildSoato(readFileSync(FIXTURE_PATH, 'utf8'));
  writeFileSync(OUTPUT_PATH, serializeSoato(list));
  const licence = readFileSync(FIXTURE_LICENSE_PATH, 'utf8').replace(/^\uFEFF/, '').trim();
  const notice =
    'content/refs/soato.json is derived from soato/fixtures/soato.json of dcopm999/uzsoato_registry\n' +
    '(commit 7827d70843bb), used under the following licence:\n\n';
  writeFileSync(LICENSE_OUTPUT_PATH, `${notice}${licence}\n`);
  console.log(`soato.json: ${list.regions.length} regions, ${list.districts.length} districts`);
}

// Only when run as a script, so tests can import buildSoato without writing files.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
