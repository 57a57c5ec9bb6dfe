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
  if (typeof schema.$ref === 'string') return of(withSiblings(components[schema.$ref.slice(COMPONENT_REF.length)]!, schema));
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

function objectArbitrary(schema: Schema, of: (inner: unknown) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = (schema.required ?? []) as string[];
  // A member whose schema is false must be absent (a private key member beside a public key).
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).filter(([, inner]) => inner !== false).map(([name, inner]) => [name, of(inner)])),
    { requiredKeys: required.filter((name) => name in properties) },
  );
  if (typeof schema.additionalProperties !== 'object') return known.map((value) => withDependencies(schema, value));
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), of(schema.additionalProperties), {
    maxKeys: Math.min(numberOr(schema.maxProperties, MAX_GENERATED_ITEMS), MAX_GENERATED_ITEMS),
  });
  return fc.tuple(known, extra).map(([k, e]) => withDependencies(schema, { ...e, ...k }));
}

/**
 * A component narrowed by what stands beside its $ref (2020-12 allows both): the sibling's
 * properties replace the component's of the same name, as a narrower enum of error codes does.
 */
function withSiblings(target: Schema, schema: Schema): Schema {
  const { $ref: _ref, description: _description, ...siblings } = schema;
  if (Object.keys(siblings).length === 0) return target;
  const properties = { ...(target.properties as object | undefined), ...(siblings.properties as object | undefined) };
  return { ...target, ...siblings, properties };
}

/**
 * `value` without each member whose dependency does not hold: dependentRequired members missing,
 * or a dependentSchemas schema whose consts other members do not have (the only kind the
 * document uses: "reopenSealed only with status returned").
 */
function withDependencies(schema: Schema, value: Record<string, unknown>): Record<string, unknown> {
  const out = { ...value };
  for (const [member, needed] of Object.entries((schema.dependentRequired ?? {}) as Record<string, string[]>)) {
    if (member in out && !needed.every((name) => name in out)) delete out[member];
  }
  for (const [member, dependent] of Object.entries((schema.dependentSchemas ?? {}) as Record<string, Schema>)) {
    const consts = Object.entries((dependent.properties ?? {}) as Record<string, Schema>).filter(([, inner]) => 'const' in inner);
    if (member in out && !consts.every(([name, inner]) => out[name] === inner.const)) delete out[member];
  }
  return out;
}

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
