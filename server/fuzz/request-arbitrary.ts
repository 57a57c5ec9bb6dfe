import fc from 'fast-check';
import { DEVICE_KEY_HEADER } from '../../src/contract/index';
import type { FuzzWorld } from './fuzz-world';
import { mutated } from './json-mutation';
import type { Operation, Parameter, Schema } from './openapi-operations';
import type { Examples, Staged } from './operation-examples';
import type { BodyPlan } from './request-body';
import {
  acceptEncodingHeader, authorizationHeader, deviceKeyHeader, ifNoneMatchHeader, pathSpelling, pathValue, rightAuthorization, strayHeaders, strayQuery,
  wellMeantDeviceKey, type HeaderChoice,
} from './request-parts';
import { schemaArbitrary } from './schema-arbitrary';

/** A request before its sealed parts are sealed and its body written: what fast-check generates and shrinks. */
export interface RequestPlan extends Staged {
  /** Whether the router matches its path to the operation's (the method aside). */
  routed: boolean;
  before?: Staged;
}

const OTHER_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
/** Bodies that are not JSON, or not whole, or not what the type says. */
const RAW_BODIES: [string, string][] = [
  ['', 'empty body'], ['null', 'null'], ['[]', 'an array'], ['"items"', 'a string'], ['1e999', 'a number too large'], ['{', 'unfinished JSON'],
  ['{"items":[', 'unfinished batch'], ['\ufeff{"items":[]}', 'JSON after a BOM'], ['{"items":[]}\u0000', 'JSON and a NUL'], [' '.repeat(10_000), 'only spaces'],
  ['{"a":1}{"b":2}', 'two JSON texts'], ["{'items':[]}", 'single quotes'], ['{"items":NaN}', 'NaN'], ['<items/>', 'XML'], ['application=1&to=completed', 'a form'],
];
const CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'APPLICATION/JSON',
  'application/json;;;', 'application/jsonx', 'application/offset+octet-stream', '*/*', '',
];
/** What Node refuses to put in a header value (the fuzz is about the server, not about Node's client). */
const NOT_IN_HEADERS = /[^\t\x20-\x7e\x80-\xff]/g;
/** Over every body limit of the API. */
const OVERSIZED_BYTES = 300 * 1024;

/** Requests for one operation of the document: valid-ish ones, broken ones, and ones in between. */
export function requestArbitrary(operation: Operation, world: FuzzWorld, examples: Examples, components: Readonly<Record<string, Schema>>): fc.Arbitrary<RequestPlan> {
  const good = (parameter: Parameter): fc.Arbitrary<string> =>
    examples.params?.[parameter.name] ?? (parameter.schema ? schemaArbitrary(parameter.schema, components).map(String) : fc.string());
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  // The device key and If-None-Match have generators of their own (deviceKeyHeader, ifNoneMatchHeader).
  const headerParameters = operation.parameters.filter((p) => p.in === 'header' && ![DEVICE_KEY_HEADER, 'if-none-match'].includes(p.name.toLowerCase()));
  const staged = examples.before ?? fc.constant(null);

  const useStaged = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const body = bodyArbitrary(operation, examples, components);
  // Everything about the request generated at once: most requests then stop at the first check they break.
  const loose = fc.record({
    method: fc.oneof({ weight: 14, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
    params: fc.tuple(...pathParameters.map((p) => pathValue(good(p)))),
    spelling: pathSpelling,
    query: fc.tuple(...queryParameters.map((p) => queryValue(p, good(p)))),
    stray: strayQuery,
    headers: fc.tuple(...headerParameters.map((p) => headerValue(p, good(p)))),
    deviceKey: deviceKeyHeader(world),
    authorization: authorizationHeader(world, examples.credentials === 'basic'),
    acceptEncoding: acceptEncodingHeader,
    ifNoneMatch: ifNoneMatchHeader(world),
    strayHeaders,
    body,
    staged,
    useStaged,
  });
  // Only the body generated, the rest as a phone in good standing sends it: the body reaches the code behind the first checks.
  const focused = fc.record({
    method: fc.constant(operation.method),
    params: fc.tuple(...pathParameters.map((p) => good(p).map((text) => ({ text: encodeURIComponent(text), routed: true, note: null as string | null })))),
    spelling: fc.constant({ spell: (path: string) => path, routed: true, note: null }),
    query: fc.tuple(...queryParameters.map((p) => good(p).map((v) => ({ text: `${encodeURIComponent(p.name)}=${encodeURIComponent(v)}` as string | null, note: null as string | null })))),
    stray: fc.constant({ query: '', note: null }),
    headers: fc.tuple(...headerParameters.map((p) => good(p).map((v): HeaderChoice => ({ value: v.replace(NOT_IN_HEADERS, '?'), note: null })))),
    deviceKey: wellMeantDeviceKey(world),
    // Mostly the right credentials, so a body reaches the code behind the sign-in of an operation that needs one.
    authorization: fc.oneof(
      { weight: 3, arbitrary: fc.constant(rightAuthorization(world, examples.credentials === 'basic')) },
      { weight: 1, arbitrary: fc.constant<HeaderChoice>({ value: null, note: null }) },
    ),
    acceptEncoding: fc.constant({ value: null, note: null }),
    ifNoneMatch: fc.constant({ value: null, note: null }),
    strayHeaders: fc.constant({ headers: {}, notes: [] }),
    body,
    staged,
    useStaged,
  });

  return fc.oneof(loose, focused).map((r): RequestPlan => {
    const notes: string[] = [];
    let routed = r.spelling.routed;
    if (r.method !== operation.method) notes.push(`method ${r.method} instead of ${operation.method}`);
    const staged = r.useStaged ? r.staged : null;
    const fixed = staged?.params ?? {};
    let path = operation.template;
    pathParameters.forEach((p, i) => {
      const value = fixed[p.name] !== undefined ? { text: fixed[p.name]!, routed: true, note: null } : r.params[i]!;
      path = path.replace(`{${p.name}}`, value.text);
      routed &&= value.routed;
      if (value.note) notes.push(value.note);
    });
    path = r.spelling.spell(path);
    if (r.spelling.note) notes.push(r.spelling.note);
    const query = [...r.query.flatMap((q) => (q.text === null ? [] : [q.text])), ...(r.stray.query ? [r.stray.query] : [])].join('&');
    notes.push(...r.query.flatMap((q) => (q.note ? [q.note] : [])), ...(r.stray.note ? [r.stray.note] : []));
    const headers: Record<string, string> = {};
    const add = (name: string, choice: HeaderChoice) => {
      if (choice.value !== null) headers[name] = choice.value;
      if (choice.note) notes.push(choice.note);
    };
    headerParameters.forEach((p, i) => add(p.name.toLowerCase(), fixed[p.name] !== undefined ? { value: fixed[p.name]!, note: null } : r.headers[i]!));
    // A request that builds on another (a PATCH on the upload it began) comes from the same phone.
    add(DEVICE_KEY_HEADER, fixed[DEVICE_KEY_HEADER] !== undefined ? { value: fixed[DEVICE_KEY_HEADER]!, note: 'device key: the phone that began it' } : r.deviceKey);
    add('authorization', r.authorization);
    add('accept-encoding', r.acceptEncoding);
    add('if-none-match', r.ifNoneMatch);
    Object.assign(headers, r.strayHeaders.headers);
    notes.push(...r.strayHeaders.notes);
    const body: PlannedBody = staged ? { plan: staged.body, headers: documentedType(operation), notes: [] } : r.body;
    Object.assign(headers, body.headers);
    notes.push(...body.notes);
    if (staged) notes.unshift(...staged.plan.notes);
    return {
      operation: operation.key, method: r.method, path: query ? `${path}?${query}` : path, headers, body: body.plan, notes, routed,
      ...(staged ? { before: staged.plan } : {}),
    };
  });
}

function queryValue(parameter: Parameter, good: fc.Arbitrary<string>): fc.Arbitrary<{ text: string | null; note: string | null }> {
  const name = encodeURIComponent(parameter.name);
  return fc.oneof(
    { weight: parameter.required ? 1 : 4, arbitrary: fc.constant({ text: null, note: parameter.required ? `no ${parameter.name}` : null }) },
    { weight: 8, arbitrary: good.map((v) => ({ text: `${name}=${encodeURIComponent(v)}`, note: null })) },
    { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '0', '1.5', '1e3', '99999999999999999999', 'x'.repeat(5_000), ''))
      .map((v) => ({ text: `${name}=${encodeURIComponent(v)}`, note: `${parameter.name}=${JSON.stringify(v.slice(0, 40))}` })) },
    { weight: 2, arbitrary: fc.tuple(good, good).map(([a, b]) => ({ text: `${name}=${encodeURIComponent(a)}&${name}=${encodeURIComponent(b)}`, note: `${parameter.name} twice` })) },
    { weight: 1, arbitrary: good.map((v) => ({ text: `${name}[x]=${encodeURIComponent(v)}`, note: `${parameter.name}[x]` })) },
    { weight: 1, arbitrary: fc.constantFrom(`${name}`, `${name}=%ZZ`, `${name}=%00`, `${name}=%E2%80%AE`).map((text) => ({ text, note: `query ${text}` })) },
  );
}

function headerValue(parameter: Parameter, good: fc.Arbitrary<string>): fc.Arbitrary<HeaderChoice> {
  return fc.oneof(
    { weight: 8, arbitrary: good.map((value) => ({ value: value.replace(NOT_IN_HEADERS, '?'), note: null })) },
    { weight: parameter.required ? 1 : 2, arbitrary: fc.constant({ value: null, note: parameter.required ? `no ${parameter.name}` : null }) },
    { weight: 2, arbitrary: fc.oneof(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
      fc.constantFrom('-1', '0', '1.5', '99999999999999999999', '1e3', ' 1', 'sha256', 'sha256 !!!', 'sha256 YQ==,sha256 YQ==', 'sealed MQ==', `sha256 ${'A'.repeat(5_000)}`),
    ).map((value) => ({ value, note: `${parameter.name}: ${JSON.stringify(value.slice(0, 40))}` })) },
  );
}

const documentedType = (operation: Operation): Record<string, string> => {
  const [type] = Object.keys(operation.requestBody?.content ?? {});
  return type ? { 'content-type': type } : {};
};

interface PlannedBody {
  plan: BodyPlan | null;
  headers: Record<string, string>;
  notes: string[];
}

function bodyArbitrary(operation: Operation, examples: Examples, components: Readonly<Record<string, Schema>>): fc.Arbitrary<PlannedBody> {
  const media = Object.entries(operation.requestBody?.content ?? {});
  const documented = media[0];
  const typed = (type: string | null, plan: BodyPlan | null, notes: string[] = []): PlannedBody => ({ plan, headers: type === null ? {} : { 'content-type': type }, notes });
  const raw = fc.constantFrom(...RAW_BODIES).map(([text, note]) => typed('application/json', { kind: 'bytes', bytes: Buffer.from(text) }, [`body: ${note}`]));
  const oversized = fc.constant(typed('application/json', { kind: 'bytes', bytes: Buffer.from(`{"items":["${'x'.repeat(OVERSIZED_BYTES)}"]}`) }, ['body over every limit']));
  if (!documented) {
    return fc.oneof({ weight: 12, arbitrary: fc.constant(typed(null, null)) }, { weight: 1, arbitrary: raw }, { weight: 1, arbitrary: oversized });
  }
  const [type, { schema }] = documented;
  const fromSchema = schema ? schemaArbitrary(schema, components).map((value): BodyPlan => ({ kind: 'json', value })) : fc.constant<BodyPlan>({ kind: 'json', value: {} });
  const valid = examples.body ?? fromSchema;
  const jsonOf = (plan: BodyPlan) => (plan.kind === 'json' ? plan.value : plan.kind === 'form' ? Object.fromEntries(plan.fields) : {});
  const asDocumented = (plan: BodyPlan, notes: string[]) => typed(type, type === 'application/json' || plan.kind !== 'json' ? plan : formOf(plan), notes);
  return fc.oneof(
    { weight: 6, arbitrary: valid.map((plan) => asDocumented(plan, [])) },
    { weight: 10, arbitrary: mutated(fc.oneof(valid, fromSchema).map(jsonOf)).map(({ value, notes }) => asDocumented({ kind: 'json', value }, notes)) },
    { weight: 2, arbitrary: fromSchema.map((plan) => asDocumented(plan, ['body made from the schema'])) },
    { weight: 3, arbitrary: fc.tuple(mutated(valid.map(jsonOf)), fc.oneof({ weight: 2, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }))
      .map(([{ value, notes }, other]) => typed(other, { kind: 'json', value }, [...notes, `as JSON with Content-Type ${JSON.stringify(other)}`])) },
    { weight: 1, arbitrary: valid.map((plan) => ({ ...typed(type, plan.kind === 'json' ? { ...plan, gzip: true } : plan, ['gzip']), headers: { 'content-type': type, 'content-encoding': 'gzip' } })) },
    { weight: 1, arbitrary: fc.constantFrom('br', 'deflate', 'gzip, gzip', 'identity', 'x-junk').map((encoding) => ({
      plan: { kind: 'bytes', bytes: Buffer.from('{"items":[]}') } as BodyPlan, headers: { 'content-type': 'application/json', 'content-encoding': encoding }, notes: [`Content-Encoding ${encoding} on a plain body`],
    })) },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: oversized },
    { weight: 1, arbitrary: fc.constant(typed(null, null, ['no body'])) },
  );
}

/** A JSON value as form fields: strings as they are, anything else as its JSON. */
function formOf(plan: BodyPlan & { kind: 'json' }): BodyPlan {
  const value = plan.value;
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [['value', value]];
  return { kind: 'form', fields: entries.map(([k, v]) => [String(k), typeof v === 'string' ? v : JSON.stringify(v) ?? '']) };
}
