import fc from 'fast-check';
import type { FuzzWorld } from './fuzz-world';

/** A header, or none, with a note on which; each note names what a failure report should show. */
export type HeaderChoice = { value: string | null; note: string | null };

const choice = (value: string | null, note: string | null): HeaderChoice => ({ value, note });
/** Characters Node lets into a header value (the fuzz is about the server, not about Node's client refusing). */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 });
/** Under Node's 16 KB header limit, which answers 431 before the app sees the request. */
const LONG_HEADER_CHARS = 6_000;
/** A device key no request used before: unbiased, since fast-check's lean to simple strings would make "fresh" phones meet again. */
export const freshDeviceKey = fc.noBias(fc.stringMatching(/^[0-9a-f]{64}$/));
/** find-my-way's maxParamLength: a longer parameter matches no route. */
const MAX_PARAM_CHARS = 100;

/** A device key a phone in good standing sends: the operator's, the sender's, a fresh one, or none. */
export function wellMeantDeviceKey(world: FuzzWorld): fc.Arbitrary<HeaderChoice> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(choice(null, null)) },
    { weight: 3, arbitrary: fc.constantFrom(
      choice(world.boundKey, 'device key: the operator\'s phone'), choice(world.senderKey, 'device key: the phone that sent the stored applications'),
    ) },
    { weight: 2, arbitrary: freshDeviceKey.map((key) => choice(key, 'device key: a fresh phone')) },
  );
}

export function deviceKeyHeader(world: FuzzWorld): fc.Arbitrary<HeaderChoice> {
  return fc.oneof(
    { weight: 8, arbitrary: wellMeantDeviceKey(world) },
    { weight: 2, arbitrary: fc.constant(choice(world.revokedKey, 'device key: a revoked phone')) },
    { weight: 2, arbitrary: fc.oneof(
      fc.constantFrom(world.boundKey.toUpperCase(), world.boundKey.slice(1), `${world.boundKey}0`, 'null', '', ' ', `${world.boundKey}, ${world.senderKey}`),
      headerText,
    ).map((junk) => choice(junk, `device key junk ${JSON.stringify(junk.slice(0, 70))}`)) },
  );
}

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

/** The credentials an operation is meant to be sent with: the back office's password, or the operator's access token. */
export function rightAuthorization(world: FuzzWorld, basicFirst: boolean): HeaderChoice {
  return basicFirst ? choice(basic(`admin:${world.adminToken}`), 'Authorization: the back office\'s') : choice(`Bearer ${world.accessToken}`, 'Authorization: the operator\'s access token');
}

export function authorizationHeader(world: FuzzWorld, basicFirst: boolean): fc.Arbitrary<HeaderChoice> {
  const right = rightAuthorization(world, basicFirst);
  const [head, payload] = world.accessToken.split('.');
  return fc.oneof(
    { weight: basicFirst ? 6 : 3, arbitrary: fc.constant(right) },
    { weight: 3, arbitrary: fc.constant(choice(null, null)) },
    { weight: 3, arbitrary: fc.oneof(
      fc.constantFrom(
        'Bearer', 'Bearer ', 'Bearer  x', 'bearer x', `Bearer ${head}.${payload}.AAAA`, `Bearer ${head}..`, 'Bearer a.b.c', `Bearer ${'a'.repeat(LONG_HEADER_CHARS)}`,
        `Bearer ${world.accessToken}, Bearer x`, basic(`admin:${world.adminToken}x`), basic('admin:'), basic(':'), 'Basic', 'Basic ====', 'Basic !!!',
        basic(`ADMIN:${world.adminToken}`), `Basic ${'A'.repeat(LONG_HEADER_CHARS)}`, `Bearer ${world.accessToken}`, basic(`admin:${world.adminToken}`),
      ),
      headerText,
    ).map((junk) => choice(junk, `Authorization junk ${JSON.stringify(junk.slice(0, 70))}`)) },
  );
}

export const acceptEncodingHeader: fc.Arbitrary<HeaderChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(choice(null, null)) },
  { weight: 3, arbitrary: fc.oneof(
    fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'br;q=0, gzip;q=0', 'identity;q=0', '*;q=0', 'br;q=abc', 'gzip;q=1.0000001', 'br;q=-1',
      'compress, x-gzip', `${'gzip, '.repeat(500)}br`, ';;;,,,', 'br;q=0.0'),
    headerText,
  ).map((value) => choice(value, `Accept-Encoding ${JSON.stringify(value.slice(0, 70))}`)) },
);

export function ifNoneMatchHeader(world: FuzzWorld): fc.Arbitrary<HeaderChoice> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(choice(null, null)) },
    { weight: 3, arbitrary: fc.oneof(
      fc.constantFrom('*', '"x"', 'W/', '"', 'W/"', ',,,', world.catalogue.etag, `W/${world.catalogue.etag}`, `"a", W/"b", ${world.catalogue.etag}`,
        `${'"x", '.repeat(1000)}"y"`, 'W/W/W/"x"'),
      headerText,
    ).map((value) => choice(value, `If-None-Match ${JSON.stringify(value.slice(0, 70))}`)) },
  );
}

/** Headers no operation asks for, which a proxy, a browser or an attacker might add. */
export const strayHeaders: fc.Arbitrary<{ headers: Record<string, string>; notes: string[] }> = fc.array(
  fc.oneof(
    fc.constantFrom<[string, string]>(
      ['origin', 'https://evil.example'], ['origin', 'null'], ['x-forwarded-for', '1.2.3.4, ::1, junk'], ['x-forwarded-proto', 'gopher'],
      ['x-forwarded-host', 'evil.example'], ['accept', 'text/html'], ['accept', '*/*;q=junk'], ['range', 'bytes=0-1'], ['cookie', 'session=x; a'],
      ['x-http-method-override', 'DELETE'], ['transfer-encoding-x', 'chunked'], ['accept-language', 'uz-Cyrl;q=2, *'], ['referer', 'javascript:alert(1)'],
      ['upload-concat', 'partial'], ['upload-concat', 'final;/api/v1/uploads/a /api/v1/uploads/b'], ['upload-defer-length', '1'], ['upload-checksum', 'sha1 junk'],
    ),
    fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerText),
  ),
  { maxLength: 3 },
).map((pairs) => ({ headers: Object.fromEntries(pairs), notes: pairs.map(([name, value]) => `${name}: ${JSON.stringify(value.slice(0, 40))}`) }));

/**
 * A path parameter: a meaningful value, text percent-encoded as a client would, or raw junk the
 * router may not reach (escapes that do not decode; longer than the router takes).
 */
export function pathValue(good: fc.Arbitrary<string>): fc.Arbitrary<{ text: string; routed: boolean; note: string | null }> {
  const routes = (text: string) => text.length <= MAX_PARAM_CHARS && !/%(?:ZZ|$)|%C0|%FF/i.test(text);
  return fc.oneof(
    { weight: 6, arbitrary: good.map((text) => ({ text: encodeURIComponent(text), routed: true, note: null })) },
    { weight: 2, arbitrary: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('..', '.', '%', "'", '\u0000', 'x'.repeat(5_000), 'ʻ', 'NaN', '-1', '1e3', '00000001'))
      .filter((text) => text !== '')
      .map((text) => encodeURIComponent(text))
      .map((text) => ({ text, routed: routes(text), note: `path parameter ${JSON.stringify(text.slice(0, 40))}` })) },
    { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%', '%C0%AF', '%2F', '%2e%2e', 'a%00b', '..%2F..%2F', '%E2%80%AE', '%FF')
      .map((text) => ({ text, routed: routes(text), note: `raw path parameter ${text}` })) },
  );
}

/** How the literal part of the path is spelled: as documented, with an escaped letter the router decodes, or mangled. */
export const pathSpelling: fc.Arbitrary<{ spell: (path: string) => string; routed: boolean; note: string | null }> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ spell: (path: string) => path, routed: true, note: null }) },
  { weight: 3, arbitrary: fc.nat().map((n) => ({
    spell: (path: string) => {
      // Not a letter of an escape already there (%2e): escaping that would break it.
      const letters = [...path.matchAll(/[a-z]/g)].map((m) => m.index!).filter((i) => path[i - 1] !== '%' && path[i - 2] !== '%');
      const at = letters[n % letters.length]!;
      return `${path.slice(0, at)}%${path.charCodeAt(at).toString(16)}${path.slice(at + 1)}`;
    },
    routed: true,
    note: 'path spelled with an escaped letter',
  })) },
  { weight: 2, arbitrary: fc.constantFrom(
    { spell: (path: string) => path.toUpperCase(), routed: false, note: 'path in upper case' },
    { spell: (path: string) => `${path}/`, routed: false, note: 'path with a trailing slash' },
    { spell: (path: string) => path.replace('/', '//'), routed: false, note: 'path with a doubled slash' },
    { spell: (path: string) => path.replace(/\/([^/]*)$/, '/./$1'), routed: false, note: 'path with a dot segment' },
    { spell: (path: string) => path.replace(/(.)\/([^/]*)$/, '$1%2F$2'), routed: false, note: 'path with an escaped slash' },
    { spell: (path: string) => path.slice(1), routed: false, note: 'request target without its leading slash' },
  ) },
);

/** Query parameters beside the documented ones, or the documented ones repeated or bracketed. */
export const strayQuery: fc.Arbitrary<{ query: string; note: string | null }> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ query: '', note: null }) },
  { weight: 2, arbitrary: fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 3 })
    .map((pairs) => ({ query: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'), note: 'random query parameters' })) },
  { weight: 1, arbitrary: fc.constantFrom('%ZZ=1', '&&&', '==', 'a[b]=1&a[c]=2', '__proto__[x]=1', 'constructor[prototype][x]=1', `q=${'x'.repeat(5_000)}`)
    .map((query) => ({ query, note: `query ${JSON.stringify(query.slice(0, 40))}` })) },
);

