import fc from 'fast-check';
import type { Schema } from './openapi-operations';

/** Longest string, list or map made from a schema: room for variety, not for slowness (mutations make the huge ones). */
const MAX_GENERATED_LENGTH = 12;
const MAX_GENERATED_ITEMS = 3;
const COMPONENT_REF = '#/components/schemas/';
/** Dates a phone plausibly writes; a wider range gives years toISOString writes with six digits and a sign. */
const EARLIEST = new Date('2000-01-01T00:00:00.000Z');
const LATEST = new Date('2099-12-31T23:59:59.999Z');

/**
 * Values that fit a JSON Schema of the OpenAPI document: objects with every required member and
 * some optional ones, strings of the right pattern or format, numbers in range. The start of
 * "valid-ish" request bodies, which the mutations then break in one place.
 */
export function schemaArbitrary(schema: Schema, components: Readonly<Record<string, Schema>>): fc.Arbitrary<unknown> {
  const of = (inner: unknown) => schemaArbitrary(inner as Schema, components);
  if (typeof schema.$ref === 'string') return of(components[schema.$ref.slice(COMPONENT_REF.length)]);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const choices = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (choices) return fc.oneof(...choices.map(of));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: unknown) => of({ ...schema, type })));
  switch (schema.type) {
    case 'string': return stringArbitrary(schema);
    case 'integer': return fc.integer({ min: numberOr(schema.minimum, -1_000), max: numberOr(schema.maximum, 1_000_000) });
    case 'number': return fc.double({ min: numberOr(schema.minimum, -1e6), max: numberOr(schema.maximum, 1e6), noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': return fc.array(schema.items ? of(schema.items) : fc.jsonValue({ maxDepth: 1 }), {
      minLength: numberOr(schema.minItems, 0), maxLength: Math.max(numberOr(schema.minItems, 0), Math.min(numberOr(schema.maxItems, MAX_GENERATED_ITEMS), MAX_GENERATED_ITEMS)),
    });
    case 'object': return objectArbitrary(schema, of);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ min: EARLIEST, max: LATEST, noInvalidDate: true }).map((d) => d.toISOString());
  const minLength = numberOr(schema.minLength, 0);
  const maxLength = Math.max(minLength, Math.min(numberOr(schema.maxLength, MAX_GENERATED_LENGTH), MAX_GENERATED_LENGTH));
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern).filter((text) => text.length >= minLength && text.length <= numberOr(schema.maxLength, Infinity));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' }).filter((text) => text.length <= numberOr(schema.maxLength, Infinity));
}

function objectArbitrary(schema: Schema, of: (inner: unknown) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = (schema.required ?? []) as string[];
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, inner]) => [name, of(inner)])),
    { requiredKeys: required.filter((name) => name in properties) },
  );
  if (typeof schema.additionalProperties !== 'object') return known;
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), of(schema.additionalProperties), {
    maxKeys: Math.min(numberOr(schema.maxProperties, MAX_GENERATED_ITEMS), MAX_GENERATED_ITEMS),
  });
  return fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k }));
}

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
