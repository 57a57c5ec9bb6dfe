/** Converted text for the source letters starting at `at` (an index into the source word). */
export interface Piece {
  at: number;
  text: string;
}

const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();

/** True when every cased letter is a capital and there are at least two: a word in capitals. */
export function isAllCaps(word: string): boolean {
  const cased = [...word].filter((ch) => isUpper(ch) || isLower(ch));
  return cased.length > 1 && cased.every(isUpper);
}

/**
 * Gives each converted piece the case of the source letter it came from. In a word in capitals a
 * digraph is all capitals (SHAHAR → ШАҲАР, ШАҲАР → SHAHAR); otherwise only its first letter
 * (Shahar, JShShIR → ЖШШИР).
 */
export function restoreCase(source: string, pieces: Piece[]): string {
  const caps = isAllCaps(source);
  return pieces.map(({ at, text }) => {
    const ch = source[at];
    if (ch === undefined || !isUpper(ch) || text === '') return text;
    return caps ? text.toUpperCase() : text[0]!.toUpperCase() + text.slice(1);
  }).join('');
}
