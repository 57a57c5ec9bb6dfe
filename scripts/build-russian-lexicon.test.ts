import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cyrillicToLatin } from '../src/core/script/cyrillic-to-latin';
import { EMPTY_DICTIONARY, parseDictionary, type Dictionary } from '../src/core/script/dictionary';
import { latinToCyrillic } from '../src/core/script/latin-to-cyrillic';
import { loadScriptDictionaries } from './load-script-dictionaries';
import { attestedStems, buildLexicon, isRussianNoun, latinUsage, skeleton, type LexiconInput } from './russian-lexicon';

/** The real converters, with no dictionary unless a test gives one. */
const converters = {
  toLatin: (c: string) => cyrillicToLatin(c),
  toCyrillic: (l: string, d: Dictionary) => latinToCyrillic(l, d),
};

/** A small world: Russian entries with flags, Uzbek Cyrillic forms, Uzbek Latin forms. */
function decide(input: Partial<LexiconInput>) {
  const lexicon = buildLexicon({ russian: [], uzbek: [], uzbekLatin: [], shipped: EMPTY_DICTIONARY, ...converters, ...input });
  return { entries: lexicon.entries, why: (russian: string) => lexicon.decisions.find((d) => d.russian === russian)?.refusal };
}

describe('the Russian lexicon decisions', () => {
  it('keeps a loan Uzbek spells the Russian way: fevral → февраль', () => {
    const { entries, why } = decide({ russian: ['февраль/G'], uzbek: ['февраль', 'февральда', 'февральгача'] });
    expect(why('февраль')).toBeUndefined();
    expect(entries.get('fevral')).toBe('февраль');
  });

  it('keeps a noun seen only in Latin Uzbek text, with a suffix: konsert → концерт', () => {
    const { entries } = decide({ russian: ['концерт/K'], uzbekLatin: ['konsert', 'konsertlar', 'konsertda'] });
    expect(entries.get('konsert')).toBe('концерт');
  });

  it('refuses a Latin word seen without an Uzbek suffix (a quoted Russian word)', () => {
    const { why } = decide({ russian: ['концерт/K'], uzbekLatin: ['konsert'] });
    expect(why('концерт')).toBe('not used in Uzbek');
  });

  it('refuses a native Uzbek word that a Russian ь word would take over: mol, kon', () => {
    const { entries, why } = decide({ russian: ['моль/N', 'конь/G'], uzbek: ['мол', 'молга', 'кон', 'конда'] });
    expect(entries.size).toBe(0);
    expect(why('моль')).toBe('listed');
    expect(why('конь')).toBe('listed');
  });

  it('refuses a loan the Uzbek word list spells without ь: рубл, Беларус', () => {
    const { entries, why } = decide({ russian: ['рубль/G', 'Беларусь/J'], uzbek: ['рубл', 'рублни', 'Беларус', 'Беларусда'] });
    expect(entries.size).toBe(0);
    expect(why('рубль')).toBe('too short'); // four letters, and no Uzbek рубль to vouch for it
    expect(why('беларусь')).toBe('Uzbek spells it otherwise');
  });

  it('refuses a Latin word two Russian words share: kazan is Казань and казан', () => {
    const { entries, why } = decide({ russian: ['Казань/F', 'казан/K'], uzbekLatin: ['kazan', 'kazanda'] });
    expect(entries.size).toBe(0);
    expect(why('казань')).toBe('ambiguous in Russian');
  });

  it('refuses verbs, adjectives and forms, and short words, without Uzbek Cyrillic evidence', () => {
    const { why } = decide({
      russian: ['давать/BLPU', 'горький/AS', 'пусть', 'стиль/K'],
      uzbekLatin: ['davat', 'davatga', 'gorkiy', 'gorkiyda', 'pust', 'pustda', 'stil', 'stilda'],
    });
    expect(why('давать')).toBe('listed');
    expect(why('горький')).toBe('not a Russian noun');
    expect(why('пусть')).toBe('too short');
    expect(why('стиль')).toBe('too short');
  });

  it('refuses ы without Uzbek Cyrillic evidence: riba is not рыба', () => {
    const { why } = decide({ russian: ['рыбка/I'], uzbekLatin: ['ribka', 'ribkada'] });
    expect(why('рыбка')).toBe('ы without Uzbek evidence');
  });

  it('refuses what the rules or a shipped dictionary give already', () => {
    const shipped = parseDictionary('film,фильм', true);
    const { why } = decide({ russian: ['фильм/K', 'шахта/I'], uzbek: ['фильм', 'шахта'], shipped });
    expect(why('фильм')).toBe('rules already right');
    expect(why('шахта')).toBe('rules already right');
  });

  it('refuses a stem that would change an Uzbek word the rules get right', () => {
    // sent → цент, as a stem, would turn sentim (a made-up Uzbek word written сентим) into центим
    const { why } = decide({ russian: ['цент/K'], uzbek: ['цент', 'центлар', 'сентим'] });
    expect(why('цент')).toBe('breaks an Uzbek word');
  });

  it('counts a stem as seen only before a consonant suffix, which keeps ь', () => {
    const stems = attestedStems(['Модели', 'фильмлар']);
    expect(stems.has('фильм')).toBe(true);
    expect(stems.has('модель')).toBe(false);
    expect(stems.has('модел')).toBe(false);
  });

  it('tells Latin usage by a suffixed form', () => {
    const used = latinUsage(["O'zbekiston", 'filmlar', 'film', 'rus']);
    expect(used('film')).toBe(true);
    expect(used('rus')).toBe(false);
  });

  it('treats only the loan letters as spelling', () => {
    expect(skeleton('концерт')).toBe(skeleton('консерт'));
    expect(skeleton('майор')).toBe(skeleton('маёр'));
    expect(skeleton('каенна')).not.toBe(skeleton('кайенна'));
    expect(isRussianNoun('K')).toBe(true);
    expect(isRussianNoun('AS')).toBe(false);
    expect(isRussianNoun('BLPU')).toBe(false);
  });
});

describe('the shipped dictionaries with the Russian lexicon', () => {
  const { latinToCyrillic: dictionary } = loadScriptDictionaries();
  const convert = (text: string) => latinToCyrillic(text, dictionary);

  it('converts loans in running text, months with ь alone', () => {
    const text = convert('Toshkentda 5-fevral kuni konsert boʻladi');
    expect(text).toBe('Тошкентда 5 февраль куни концерт бўлади');
  });

  it.each([
    ['Belarusda', 'Беларусда'],
    ['kon mol bel tol', 'кон мол бел тол'],
    ['kondan mollar belda tolni', 'кондан моллар белда толни'],
  ])('leaves to the rules what Uzbek writes without ь: %s', (latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['skalpel kafel', 'скальпель кафель'],
    ['profili profilda', 'профили профилда'],
    ['konsultatsiyalar', 'консультациялар'],
    ['prinsip', 'принцип'],
  ])('gives the Russian spelling of a loan the lexicon has: %s', (latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it('has a header saying how it was made, and lower-case stems only', () => {
    const csv = readFileSync(new URL('../src/core/script/dictionary/russian-loans-latin-cyrillic.csv', import.meta.url), 'utf8');
    expect(csv.startsWith('# ')).toBe(true);
    expect(csv).toContain('dictionary-ru');
    expect(csv).toContain('hunspell-uz');
    const lines = csv.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) expect(line).toMatch(/^[a-zʻʼ]+,[а-яё]+$/);
  });
});
