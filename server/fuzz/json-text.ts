/**
 * A piece of JSON text sent as written: nesting deeper than JSON.stringify can write (it overflows
 * the stack near 10,000 levels, while JSON.parse on the server reads far deeper), numbers it
 * cannot write (1e999), repeated keys.
 */
export class RawJson {
  constructor(readonly text: string, readonly note: string) {}
}

/** An object or array nested `depth` levels around a string. */
export function deeplyNested(depth: number, kind: 'object' | 'array'): RawJson {
  const [open, close] = kind === 'object' ? ['{"a":', '}'] : ['[', ']'];
  return new RawJson(`${open.repeat(depth)}"deep"${close.repeat(depth)}`, `${kind} nested ${depth} deep`);
}

/** JSON text of a value that may hold RawJson pieces anywhere. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : jsonText(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${jsonText(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
