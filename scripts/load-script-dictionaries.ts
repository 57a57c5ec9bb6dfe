import { readFileSync } from 'node:fs';
import { mergeDictionaries, parseDictionary, type Dictionary } from '../src/core/script/dictionary';

const dir = new URL('../src/core/script/dictionary/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

/** The exception dictionaries for both directions: the MIT UzTransliterator seed, then ours on top. */
export function loadScriptDictionaries(): { latinToCyrillic: Dictionary; cyrillicToLatin: Dictionary } {
  return {
    latinToCyrillic: mergeDictionaries(
      parseDictionary(read('uztransliterator-latin-cyrillic.csv'), true),
      parseDictionary(read('project-latin-cyrillic.csv'), true),
    ),
    cyrillicToLatin: mergeDictionaries(
      parseDictionary(read('uztransliterator-cyrillic-latin.csv'), false),
      parseDictionary(read('project-cyrillic-latin.csv'), false),
    ),
  };
}
