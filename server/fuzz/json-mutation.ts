import fc from 'fast-check';
import { MAX_ANSWER_CHARS, MAX_BODY_BYTES } from '../../src/contract/index';
import { deeplyNested, RawJson } from './json-text';
import { ProofLater } from './proof-later';

/** Where the value inside a SealLater sits in a mutation's path. */
const SEALED_INNER = '(sealed)';
/** Nesting that overflows any recursive walk of the parsed body (JSON.stringify gives up near 10,000). */
const DEEP_LEVELS = 10_000;
/** Members of a wide object or array: a lot of work for little body. */
const WIDE_MEMBERS = 10_000;

/** An item to be sealed to a key when the request is made (sealing is asynchronous; arbitraries are not). */
export class SealLater {
  constructor(readonly id: string, readonly inner: unknown, readonly how: SealHow) {}
}
export type SealHow = 'to the server key' | 'to a key the server does not hold' | 'under another id' | 'then changed on the way';

interface Junk {
  value: unknown;
  label: string;
}
type Change = { kind: 'replace'; junk: Junk } | { kind: 'remove' } | { kind: 'add'; key: string; junk: Junk };

const junk = (value: unknown, label: string): Junk => ({ value, label });
const wide = (kind: 'object' | 'array') => new RawJson(
  kind === 'object'
    ? `{${Array.from({ length: WIDE_MEMBERS }, (_, i) => `"k${i}":${i}`).join(',')}}`
    : `[${Array.from({ length: WIDE_MEMBERS }, (_, i) => i).join(',')}]`,
  `${kind} of ${WIDE_MEMBERS} members`,
);

/** Values that stand where another belongs: wrong types, edge numbers, hostile text, huge and deep structures. */
const junkValue: fc.Arbitrary<Junk> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    junk(null, 'null'), junk(true, 'true'), junk(0, '0'), junk(-1, '-1'), junk(2 ** 53 + 2, '2^53+2'), junk(1.5, '1.5'),
    junk(new RawJson('1e999', '1e999'), '1e999'), junk(new RawJson('-0', '-0'), '-0'),
    junk('', 'empty string'), junk([], 'empty array'), junk({}, 'empty object'), junk([1, 'a', null, {}], 'mixed array'),
    junk('\u0000', 'NUL'), junk('\ud800', 'lone surrogate'), junk('\u202e\u200b\ufeff', 'bidi, zero-width, BOM'),
    junk("' OR 1=1 --", 'SQL'), junk('<script>alert(1)</script>', 'HTML'), junk('../../etc/passwd', 'traversal'), junk('%00%ZZ', 'percent junk'),
    junk(new RawJson('{"__proto__":{"polluted":true}}', '__proto__'), '__proto__ object'),
    junk(new RawJson('{"constructor":{"prototype":{"polluted":true}}}', 'constructor.prototype'), 'constructor.prototype object'),
    junk(new RawJson('{"a":1,"a":"2"}', 'repeated key'), 'object with a repeated key'),
  ) },
  { weight: 2, arbitrary: fc.constantFrom(MAX_ANSWER_CHARS + 1, 100_000, MAX_BODY_BYTES + 1).map((n) => junk('x'.repeat(n), `string of ${n}`)) },
  { weight: 4, arbitrary: fc.constantFrom(
    junk(deeplyNested(DEEP_LEVELS, 'object'), `object nested ${DEEP_LEVELS} deep`),
    junk(deeplyNested(DEEP_LEVELS, 'object'), `object nested ${DEEP_LEVELS} deep`),
    junk(deeplyNested(DEEP_LEVELS, 'array'), `array nested ${DEEP_LEVELS} deep`),
    junk(deeplyNested(100, 'object'), 'object nested 100 deep'),
    junk(wide('object'), `object of ${WIDE_MEMBERS} members`), junk(wide('array'), `array of ${WIDE_MEMBERS} members`),
  ) },
  { weight: 2, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 2 })).map((v) => junk(v, `random ${JSON.stringify(v).slice(0, 40)}`)) },
);

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 6, arbitrary: junkValue.map((j): Change => ({ kind: 'replace', junk: j })) },
  { weight: 1, arbitrary: fc.constant<Change>({ kind: 'remove' }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'id', ''), junkValue).map(([key, j]): Change => ({ kind: 'add', key, junk: j })) },
  // Deep nesting beside valid members keeps the rest of the body valid, so it reaches code past the shape checks.
  { weight: 2, arbitrary: fc.constantFrom<Change>(
    { kind: 'add', key: 'extra', junk: junk(deeplyNested(DEEP_LEVELS, 'object'), `object nested ${DEEP_LEVELS} deep`) },
    { kind: 'add', key: 'extra', junk: junk(deeplyNested(DEEP_LEVELS, 'array'), `array nested ${DEEP_LEVELS} deep`) },
  ) },
);
/** Mostly one change, so the rest of the body stays valid and the change is what the server meets. */
const changeCount = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constant(3) });

/** `base` broken in one to three places, with notes saying where and how. */
export function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<{ value: unknown; notes: string[] }> {
  // Unbiased: fast-check leans towards small numbers, which would mutate mostly the first members of the body.
  const changes = changeCount.chain((n) => fc.array(fc.tuple(fc.noBias(fc.nat()), change), { minLength: n, maxLength: n }));
  return fc.tuple(base, changes).map(([value, picked]) => {
    const notes: string[] = [];
    for (const [at, c] of picked) {
      // A member is added to an object; anything else may be replaced or removed.
      const all = pathsOf(value);
      const objects = all.filter((path) => isPlainObject(valueAt(value, path)));
      const paths = c.kind === 'add' && objects.length > 0 ? objects : all;
      const path = paths[at % paths.length]!;
      const where = path.length === 0 ? 'the body' : path.join('.');
      value = updateAt(value, path, (old) => {
        if (c.kind === 'replace') {
          notes.push(`${where} ← ${c.junk.label}`);
          return c.junk.value;
        }
        if (c.kind === 'remove' && path.length > 0) {
          notes.push(`${where} removed`);
          return REMOVED;
        }
        if (c.kind === 'add' && isPlainObject(old)) {
          notes.push(`${where}.${c.key} added: ${c.junk.label}`);
          return { ...old, [c.key]: c.junk.value };
        }
        return old;
      });
    }
    return { value, notes };
  });
}

const REMOVED = Symbol('removed');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson) && !(value instanceof SealLater) && !(value instanceof ProofLater);

function valueAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node instanceof SealLater ? node.inner : (node as Record<string | number, unknown>)[key]), value);
}

function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value instanceof SealLater) return [path, ...pathsOf(value.inner, [...path, SEALED_INNER])];
  // A proof to be made is one value: replaced or removed whole, like any member.
  if (value instanceof RawJson || value instanceof ProofLater || typeof value !== 'object' || value === null) return [path];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [path, ...entries.flatMap(([key, v]) => pathsOf(v, [...path, key]))];
}

function updateAt(value: unknown, path: (string | number)[], update: (old: unknown) => unknown): unknown {
  if (path.length === 0) return update(value);
  const [head, ...rest] = path;
  if (value instanceof SealLater) return new SealLater(value.id, updateAt(value.inner, rest, update), value.how);
  if (Array.isArray(value)) {
    const next = updateAt(value[head as number], rest, update);
    return next === REMOVED ? value.filter((_, i) => i !== head) : value.map((v, i) => (i === head ? next : v));
  }
  const record = value as Record<string, unknown>;
  const next = updateAt(record[head as string], rest, update);
  const { [head as string]: _old, ...others } = record;
  return next === REMOVED ? others : { ...record, [head as string]: next };
}
