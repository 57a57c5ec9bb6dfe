import { APOSTROPHES } from '../../core/script/apostrophes';

/** A name as a person would compare it: case, runs of spaces and which apostrophe was typed do not matter. */
function foldName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase().replace(APOSTROPHES, "'").replace(/\s+/g, ' ').trim();
}

/** Whether two names are the same name as a person would read them. */
export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}
