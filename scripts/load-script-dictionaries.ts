import { readFileSync } from 'node:fs';
import { mergeDictionaries, parseDictionary, type Dictionary } from '../src/core/script/dictionary';

const dir = new URL('../src/core/script/dictionary/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

/**
 * The exception dictionaries for both directions: the MIT UzTransliterator seed, the Russian loans
 * built by scripts/build-russian-lexicon.ts (which loads the others without it), then ours on top (the
 * project's reviewed entries win).
 */
export function loadScriptDictionaries(
  { russianLoans = true } = {},
): { latinToCyrillic: Dictionary; cyrillicToLatin: Dictionary } {
  return {
    latinToCyrillic: mergeDictionaries(
      parseDictionary(read('uztransliterator-latin-cyrillic.csv'), true),
      russianLoans ? parseDictionary(read('russian-loans-latin-cyrillic.csv'), true) : new Map<string, string>(),
      parseDictionary(read('project-latin-cyrillic.csv'), true),
    ),
    cyrillicToLatin: mergeDictionaries(
      parseDictionary(read('uztransliterator-cyrillic-latin.csv'), false),
      parseDictionary(read('project-cyrillic-latin.csv'), false),
    ),
  };
}
