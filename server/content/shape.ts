import { LOCALES, type Localized } from '../../src/contract/index';
import { ContentError } from './content-error';

/**
 * Small shape checks for content files. Each takes the value and its path inside the file
 * (`services[2].name`) so a broken file fails the start with a message that points at the spot.
 */
export type Where = string;

export function fail(where: Where, problem: string): never {
  throw new ContentError(`${where}: ${problem}`);
}

export function expectObject(value: unknown, where: Where): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  return value as Record<string, unknown>;
}

export function expectArray(value: unknown, where: Where, { nonEmpty = false } = {}): unknown[] {
  if (!Array.isArray(value)) fail(where, 'must be an array');
  if (nonEmpty && value.length === 0) fail(where, 'must not be empty');
  return value;
}

export function expectString(value: unknown, where: Where): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be a non-empty string');
  return value;
}

export function expectPositiveInteger(value: unknown, where: Where): number {
  if (!Number.isInteger(value) || (value as number) < 1) fail(where, 'must be a positive integer');
  return value as number;
}

export function expectOptional<T>(value: unknown, where: Where, check: (v: unknown, w: Where) => T): T | undefined {
  return value === undefined ? undefined : check(value, where);
}

export function expectBoolean(value: unknown, where: Where): boolean {
  if (typeof value !== 'boolean') fail(where, 'must be true or false');
  return value;
}

/** A text in all four locales: the contract says content files must fill every one. */
export function expectLocalized(value: unknown, where: Where): Localized {
  const texts = expectObject(value, where);
  for (const locale of LOCALES) expectString(texts[locale], `${where}.${locale}`);
  return texts as Localized;
}

/** Throws when two entries share an id: answers and lookups are keyed by it. */
export function expectUnique(ids: string[], where: Where): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(where, `"${id}" appears twice`);
    seen.add(id);
  }
}
