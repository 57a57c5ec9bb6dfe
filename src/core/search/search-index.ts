import { looseKey, strictKey } from '../script/search-key';

/** What the index knows of one service: its id and every text it may be found by. */
export interface SearchDoc {
  id: string;
  /** Names in every locale and the aliases, any script. */
  terms: string[];
}

/** An index's folded keys and the fingerprint of the docs they came from. */
export interface SearchKeys {
  fingerprint: string;
  ids: string[];
  strict: string[];
  loose: string[];
}

/** A short hash (FNV-1a, 32 bits, twice over) of every id and term: tells whether kept keys still fit the docs. */
export function fingerprint(docs: SearchDoc[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const doc of docs) {
    for (const text of [doc.id, ...doc.terms, '\u0000']) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
    }
  }
  return `${docs.length}-${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}`;
}

/** How a service matched, best first: exact (strict key) tiers rank above loose ones, a typo last. */
const MATCH_TIERS = ['name-start', 'word-start', 'inside', 'loose-word-start', 'loose-inside', 'typo'] as const;
type MatchTier = (typeof MATCH_TIERS)[number];

export interface SearchHit {
  id: string;
  tier: MatchTier;
}

/** Tokens shorter than this match only at the start of a word: "a" inside every name helps nobody. */
const MIN_INSIDE_CHARS = 3;
/** Tokens shorter than this get no typo tolerance: one edit in three letters matches half the catalogue. */
const MIN_TYPO_CHARS = 4;
const TYPO = MATCH_TIERS.indexOf('typo');
/** Token answers kept per key text: the last few keystrokes' worth. */
const TOKEN_CACHE_ENTRIES = 64;

/**
 * One key for all entries: `\n|key|key…` per entry, so a single native `indexOf` scans the whole
 * catalogue for a token and jumps straight to the entries that have it.
 */
class KeyText {
  readonly all: string;
  readonly starts: Int32Array;
  private readonly cache = new Map<string, number[]>();

  constructor(readonly keys: string[]) {
    this.starts = new Int32Array(keys.length + 1);
    let at = 0;
    keys.forEach((key, i) => {
      this.starts[i] = at;
      at += key.length + 1;
    });
    this.starts[keys.length] = at;
    this.all = `${keys.join('\n')}\n`;
  }

  /**
   * Entries whose key contains `token`, in order. Typing adds a letter at a time, so the answer for
   * the token one letter shorter (kept from the last keystroke) is filtered instead of a new scan.
   */
  entriesWith(token: string): number[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const shorter = token.length > 1 ? this.cache.get(token.slice(0, -1)) ?? this.cache.get(token.slice(1)) : undefined;
    const entries = shorter ? shorter.filter((entry) => this.keys[entry]!.includes(token)) : this.scan(token);
    if (this.cache.size >= TOKEN_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(token, entries);
    return entries;
  }

  private scan(token: string): number[] {
    const entries: number[] = [];
    let pos = this.all.indexOf(token);
    while (pos !== -1) {
      const entry = this.entryAt(pos);
      entries.push(entry);
      pos = this.all.indexOf(token, this.starts[entry + 1]!);
    }
    return entries;
  }

  private entryAt(pos: number): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * The catalogue search of the worker: every name and alias folded once to a strict and a loose key
 * (both scripts, apostrophes, Russian-keyboard letters, x/h, q/k; src/core/script), then each
 * keystroke is a few native string scans, within a frame at 5,000 services (docs/performance.md, T4).
 */
export class SearchIndex {
  /** The folded keys, to keep between visits: `new SearchIndex(keys)` skips the folding. */
  readonly keys: SearchKeys;
  private readonly ids: string[];
  private readonly strict: KeyText;
  private readonly loose: KeyText;
  /** Every distinct loose word with the entries that have it, for the typo pass. */
  private readonly words: string[] = [];
  private readonly postings: number[][] = [];
  /** Word numbers by their first and by their second letter: a one-edit match keeps one of them. */
  private readonly byFirst = new Map<string, number[]>();
  private readonly bySecond = new Map<string, number[]>();

  /** Folds every doc's terms: the costly part of building an index, worth keeping (see `keys`). */
  constructor(docs: SearchDoc[]);
  /** Rebuilds an index from keys an earlier index folded for the same docs: no folding at all. */
  constructor(keys: SearchKeys);
  constructor(source: SearchDoc[] | SearchKeys) {
    let keys: SearchKeys;
    if (Array.isArray(source)) {
      const fold = memoisedByWord();
      // uz and uz-Cyrl names fold to the same key: each distinct key once keeps the scanned text short.
      const keyOf = (key: (term: string) => string) => source.map((d) => `|${[...new Set(d.terms.map(key))].join('|')}`);
      keys = { fingerprint: fingerprint(source), ids: source.map((d) => d.id), strict: keyOf(fold.strict), loose: keyOf(fold.loose) };
    } else {
      keys = source;
    }
    this.keys = keys;
    this.ids = keys.ids;
    this.strict = new KeyText(keys.strict);
    this.loose = new KeyText(keys.loose);
    const byWord = new Map<string, number[]>();
    this.loose.keys.forEach((key, entry) => {
      for (const word of key.split(/[| ]/)) {
        if (!word) continue;
        const list = byWord.get(word);
        if (!list) byWord.set(word, [entry]);
        else if (list.at(-1) !== entry) list.push(entry);
      }
    });
    for (const [word, entries] of byWord) {
      const w = this.words.push(word) - 1;
      this.postings.push(entries);
      push(this.byFirst, word[0]!, w);
      if (word.length > 1) push(this.bySecond, word[1]!, w);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The best `limit` services for what the person typed so far, best first; ties keep catalogue order. */
  search(query: string, limit = 20): SearchHit[] {
    const strict = strictKey(query);
    if (!strict || limit < 1) return [];
    const tokens = strict.split(' ');
    const looseTokens = looseKey(query).split(' ');
    const buckets: number[][] = MATCH_TIERS.map(() => []);
    const hit = new Set<number>();
    const count = () => buckets.reduce((sum, b) => sum + b.length, 0);
    const collect = (text: KeyText, toks: string[], tierOf: (key: string, best: boolean) => number | null) => {
      for (const entry of candidates(text, longest(toks))) {
        if (hit.has(entry)) continue;
        // Later entries only tie with those found (catalogue order): once the page is full of the two
        // best tiers only a name-start match can still get in, and a page of those ends the scan.
        const onlyBest = buckets[0]!.length + buckets[1]!.length >= limit;
        const tier = tierOf(text.keys[entry]!, onlyBest);
        if (tier === null) continue;
        buckets[tier]!.push(entry);
        hit.add(entry);
        if (buckets[0]!.length >= limit) return;
      }
    };
    collect(this.strict, tokens, (key, onlyBest) => exactTier(key, strict, tokens, onlyBest));
    if (count() < limit) collect(this.loose, looseTokens, (key) => looseTier(key, looseTokens));
    if (count() < limit) for (const entry of this.typoMatches(looseTokens, hit)) buckets[TYPO]!.push(entry);
    const hits: SearchHit[] = [];
    for (const [tier, entries] of buckets.entries()) {
      for (const entry of entries) {
        if (hits.length === limit) return hits;
        hits.push({ id: this.ids[entry]!, tier: MATCH_TIERS[tier]! });
      }
    }
    return hits;
  }

  /** Entries not yet hit where every token is found, each allowing one edit (a typo). */
  private typoMatches(tokens: string[], hit: Set<number>): number[] {
    if (!tokens.some((t) => t.length >= MIN_TYPO_CHARS)) return [];
    let allowed: Set<number> | null = null;
    for (const token of tokens) {
      const found = new Set<number>();
      const keep = (entry: number) => { if (!allowed || allowed.has(entry)) found.add(entry); };
      if (token.length < MIN_TYPO_CHARS) {
        for (const entry of this.loose.entriesWith(` ${token}`)) keep(entry);
        for (const entry of this.loose.entriesWith(`|${token}`)) keep(entry);
      } else {
        for (const entry of this.loose.entriesWith(token)) keep(entry);
        for (const w of this.typoCandidates(token)) {
          if (prefixWithinOneEdit(token, this.words[w]!)) for (const entry of this.postings[w]!) keep(entry);
        }
      }
      allowed = found;
      if (allowed.size === 0) return [];
    }
    return [...(allowed ?? [])].filter((entry) => !hit.has(entry)).sort((a, b) => a - b);
  }

  /** Words that can be one edit from `token`: they share its first or second letter, or the two swapped. */
  private typoCandidates(token: string): Set<number> {
    const lists = [this.byFirst.get(token[0]!), this.byFirst.get(token[1]!), this.bySecond.get(token[1]!), this.bySecond.get(token[0]!)];
    return new Set(lists.flatMap((list) => list ?? []));
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** strictKey and looseKey word by word, each distinct word folded once: catalogues repeat their words. */
function memoisedByWord() {
  const memo = (key: (word: string) => string) => {
    const cache = new Map<string, string>();
    return (term: string) => {
      let out = '';
      for (const word of term.split(' ')) {
        let folded = cache.get(word);
        if (folded === undefined) {
          folded = key(word);
          cache.set(word, folded);
        }
        if (folded) out = out ? `${out} ${folded}` : folded;
      }
      return out;
    };
  };
  return { strict: memo(strictKey), loose: memo(looseKey) };
}

/** Entries that may match `token`: a short token only where a word starts, so fewer to look at. */
function candidates(text: KeyText, token: string): number[] {
  if (token.length >= MIN_INSIDE_CHARS) return text.entriesWith(token);
  const a = text.entriesWith(` ${token}`);
  const b = text.entriesWith(`|${token}`);
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (merged.at(-1) !== next) merged.push(next);
  }
  return merged;
}

/** The scan starts from the longest token: it has the fewest entries. */
function longest(tokens: string[]): string {
  return tokens.reduce((a, b) => (b.length > a.length ? b : a));
}

function exactTier(key: string, strict: string, tokens: string[], onlyBest = false): number | null {
  if (key.includes(`|${strict}`)) return 0;
  if (onlyBest || !tokens.every((t) => key.includes(t))) return null;
  if (tokens.every((t) => startsWord(key, t))) return 1;
  if (tokens.every((t) => t.length >= MIN_INSIDE_CHARS || startsWord(key, t))) return 2;
  return null;
}

function looseTier(key: string, tokens: string[]): number | null {
  if (!tokens.every((t) => key.includes(t))) return null;
  if (tokens.every((t) => startsWord(key, t))) return 3;
  if (tokens.every((t) => t.length >= MIN_INSIDE_CHARS || startsWord(key, t))) return 4;
  return null;
}

function startsWord(key: string, token: string): boolean {
  return key.includes(` ${token}`) || key.includes(`|${token}`);
}

/**
 * True when some prefix of `word` is within one edit (substitution, insertion, deletion or swap
 * of neighbours) of `token`: the person may still be typing the word, and may have slipped once.
 */
export function prefixWithinOneEdit(token: string, word: string): boolean {
  const n = token.length;
  if (word.length < n - 1) return false;
  let i = 0;
  while (i < n && i < word.length && token[i] === word[i]) i++;
  if (i >= n) return true; // the token is a prefix of the word: no edit needed
  if (matchesFrom(token, i + 1, word, i + 1)) return true; // one letter substituted
  if (matchesFrom(token, i + 1, word, i)) return true; // one letter too many
  if (matchesFrom(token, i, word, i + 1)) return true; // one letter missing
  return i + 1 < n && token[i] === word[i + 1] && token[i + 1] === word[i] && matchesFrom(token, i + 2, word, i + 2);
}

/** token[from..] equals word[at..] letter for letter (the word may go on: a prefix match). */
function matchesFrom(token: string, from: number, word: string, at: number): boolean {
  if (word.length - at < token.length - from) return false;
  for (let k = 0; from + k < token.length; k++) if (token[from + k] !== word[at + k]) return false;
  return true;
}
