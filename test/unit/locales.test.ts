import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/contract/locales';
import { buildUzCyrl, staleUzCyrlFiles } from '../../scripts/build-uz-cyrl';
import { hasStrayLatin } from '../../src/contract/latin-abbreviations';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** A placeholder that carries a person's name (as the app fills them), followed straight by a letter. */
const PERSON_PLACEHOLDER_GLUED = /\{\{(?:name|resident|operator|residentName|operatorName)\}\}\p{L}/u;


const dir = (locale: Locale) => new URL(`../../locales/${locale}/`, import.meta.url);

/** Every key of every namespace file of a locale, as `namespace:dotted.key`. */
function load(locale: Locale): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const file of readdirSync(dir(locale)).filter((f) => f.endsWith('.json'))) {
    const tree = JSON.parse(readFileSync(new URL(file, dir(locale)), 'utf8'));
    flatten(tree, `${file.replace('.json', '')}:`, flat);
  }
  return flat;
}

function flatten(tree: Record<string, unknown>, namespace: string, flat: Record<string, string>): void {
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') flat[prefix + key] = value;
      else walk(value as Record<string, unknown>, `${prefix}${key}.`);
    }
  };
  walk(tree, namespace);
}

const bundles = Object.fromEntries(LOCALES.map((l) => [l, load(l)])) as Record<Locale, Record<string, string>>;
const baseKeys = (locale: Locale) => new Set(Object.keys(bundles[locale]).map((k) => k.replace(PLURAL_SUFFIX, '')));
const allKeys = new Set(LOCALES.flatMap((l) => [...baseKeys(l)]));

describe('locale files', () => {
  it.each(LOCALES)('%s has every key that any locale has', (locale) => {
    const missing = [...allKeys].filter((key) => !baseKeys(locale).has(key));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('%s has every plural form its language needs', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const plurals = new Set(Object.keys(bundles[locale]).filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
    const missing = [...plurals].flatMap((key) => categories.filter((c) => !(`${key}_${c}` in bundles[locale])).map((c) => `${key}_${c}`));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('%s has no empty text and keeps every {{placeholder}} of English', (locale) => {
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort().join();
    const problems = Object.entries(bundles[locale]).filter(([key, text]) => {
      const english = bundles.en[key] ?? bundles.en[key.replace(PLURAL_SUFFIX, '_other')];
      return text.trim() === '' || (english !== undefined && placeholders(english) !== placeholders(text));
    });
    expect(problems).toEqual([]);
  });

  it('never glues a suffix onto a person\'s name: a name placeholder ends where a space or a mark does', () => {
    // A name typed in the other script would read "Dilnoza Karimovaга"; and a suffix cannot follow a name's own ending.
    const glued = LOCALES.flatMap((l) => Object.entries(bundles[l]).filter(([, text]) => PERSON_PLACEHOLDER_GLUED.test(text)).map(([key]) => `${l} ${key}`));
    expect(glued).toEqual([]);
  });

  it('writes Uzbek Latin with ʻ (U+02BB) and ʼ (U+02BC), never a typewriter or curly apostrophe', () => {
    const bad = Object.entries(bundles.uz).filter(([, text]) => /['‘’`]/.test(text));
    expect(bad).toEqual([]);
  });

  it('writes Uzbek Cyrillic with no Latin letters outside placeholders and Latin abbreviations', () => {
    const bad = Object.entries(bundles['uz-Cyrl']).filter(([, text]) => hasStrayLatin(text.replace(/{{\w+}}/g, '')));
    expect(bad).toEqual([]);
  });

  it('has a uz-Cyrl file for every uz namespace file, generated from uz and the reviewed overrides', () => {
    const build = buildUzCyrl();
    expect(build.problems).toEqual([]);
    // Stale after a key was added or changed in locales/uz: run `npm run locales:cyrl` (npm run build does it too).
    expect(staleUzCyrlFiles(build)).toEqual([]);
  });

  it('writes Uzbek Cyrillic overrides with no Latin letters and Latin sources with canonical apostrophes', () => {
    const overrides = JSON.parse(readFileSync(new URL('../../locales/uz-Cyrl.overrides.json', import.meta.url), 'utf8'));
    const entries = Object.entries(overrides).filter(([ns]) => ns !== '$comment')
      .flatMap(([, keys]) => Object.values(keys as Record<string, { uz: string; 'uz-Cyrl': string }>));
    expect(entries.filter((e) => /[A-Za-z]/.test(e['uz-Cyrl'].replace(/{{\w+}}/g, '')) || /['‘’`]/.test(e.uz))).toEqual([]);
  });
});
