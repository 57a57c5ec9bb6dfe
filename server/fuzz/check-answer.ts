import { gunzipSync } from 'node:zlib';
import { DEVICE_KEY_HEADER, ERROR_CODES, isUuidV7 } from '../../src/contract/index';
import { SECURITY_HEADERS } from '../http/security-headers';
import { VALID_PINFL } from '../test-support/submission-fixtures';
import type { StoreCounts } from './fuzz-world';
import type { FuzzAnswer, FuzzRequest } from './fuzz-request';
import { documentedResponse, type Operation, type ResponseSpec } from './openapi-operations';
import type { SchemaValidator } from './schema-validator';

export type FindingKind =
  | 'hang' | 'no-answer' | 'server-error' | 'undocumented-status' | 'undocumented-shape' | 'undocumented-header' | 'security-headers' | 'cors'
  | 'no-store' | 'revoked-not-refused' | 'stored-on-refusal' | 'stored-on-read' | 'batch-incomplete' | 'answers-in-clear';

/** One way an answer broke what the document and the security rules promise. */
export interface Finding {
  kind: FindingKind;
  detail: string;
}

export interface Checked {
  operation: Operation;
  /** Every operation of the document: a request the router takes elsewhere is judged by theirs. */
  operations: Operation[];
  request: FuzzRequest;
  answer: FuzzAnswer;
  before: StoreCounts;
  after: StoreCounts;
  revokedKey: string;
  validator: SchemaValidator;
}

const BATCH_OPERATION = 'POST /api/v1/submissions';
/** What may send an application's answers back to a phone: only ever sealed to its reply key. */
const ANSWERING_OPERATIONS = new Set([BATCH_OPERATION, 'GET /api/v1/statuses', 'GET /api/v1/submissions/{id}']);
/** Members that would hold answers in clear (reopen did, before answers went back sealed). */
const CLEAR_ANSWER_MEMBERS = new Set(['answers', 'raw', 'reopen']);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const errorBody = (description: string): ResponseSpec => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
/**
 * What any path may answer when the request does not reach the operation (a mangled path, another
 * method), as the document's introduction says: not found, a URL or body that cannot be read, or
 * the app shell for a page navigation.
 */
const UNROUTED: Record<number, ResponseSpec> = {
  200: { description: 'A page navigation: the app shell.', content: { 'text/html': { schema: { type: 'string' } } } },
  206: { description: 'A page navigation with Range: part of the app shell.', content: { 'text/html': { schema: { type: 'string' } } } },
  304: { description: 'A page navigation whose If-None-Match names the app shell\'s ETag.' },
  400: errorBody('bad_request (a path that is not valid percent-encoding) or malformed_json.'),
  403: errorBody('bad_request: a path with a dot segment, which the app\'s files refuse.'),
  404: errorBody('not_found.'),
  413: errorBody('body_too_large.'),
  414: errorBody('bad_request: a path parameter longer than the router takes.'),
  415: errorBody('unsupported_media_type.'),
};

/**
 * Everything wrong with one answer: a 5xx (a batch's per-item 503 included) or no answer in time;
 * a status, body or header the document does not give; missing security headers or a CORS grant;
 * a revoked phone served; a refused request (or a read) that stored something; a batch answer
 * that does not account for every item sent; answers in clear where an application comes back.
 */
export function checkAnswer(c: Checked): Finding[] {
  const { answer } = c;
  if (answer.kind === 'timeout') return [{ kind: 'hang', detail: 'no answer within the time allowed' }];
  if (answer.kind === 'no-answer') return [{ kind: 'no-answer', detail: answer.error }, ...storeChecks(c, null)];
  const findings: Finding[] = [];
  const found = (kind: FindingKind, detail: string) => findings.push({ kind, detail });
  const body = answer.body.toString('utf8');
  if (answer.status >= 500) found('server-error', `${answer.status} ${body.slice(0, 200)}`);

  if (answer.status < 500) {
    // A request the router may not take to its operation gets that operation's answers, or any
    // operation's of its method (the router took it elsewhere), or a not-found or bad-URL answer.
    const specs = [c.operation, ...(c.request.routed ? [] : c.operations.filter((o) => o.method === c.request.method))]
      .map((o) => documentedResponse(o, answer.status))
      .concat(c.request.routed ? [] : [UNROUTED[answer.status]])
      .filter((spec) => spec !== undefined);
    const shapes = specs.map((spec) => shapeProblem(spec, answer, body, c));
    if (specs.length === 0) found('undocumented-status', `${answer.status} ${body.slice(0, 200)}`);
    else if (!shapes.includes(null)) found('undocumented-shape', `${answer.status}: ${shapes[0]}`);
    if (c.request.routed && specs[0]) findings.push(...headerProblems(specs[0], answer));
  }

  for (const name of Object.keys(SECURITY_HEADERS)) {
    if (answer.headers[name.toLowerCase()] === undefined) found('security-headers', `${answer.status} without ${name}`);
  }
  if (answer.headers['x-content-type-options'] !== undefined && answer.headers['x-content-type-options'] !== 'nosniff') {
    found('security-headers', `X-Content-Type-Options: ${String(answer.headers['x-content-type-options'])}`);
  }
  if (answer.headers['access-control-allow-origin'] !== undefined) found('cors', `Access-Control-Allow-Origin: ${String(answer.headers['access-control-allow-origin'])}`);

  const path = decodedPath(c.request.path);
  if (path?.startsWith('/api/') && answer.status >= 400 && !String(answer.headers['cache-control'] ?? '').includes('no-store')) {
    found('no-store', `${answer.status} with Cache-Control: ${String(answer.headers['cache-control'] ?? 'none')}`);
  }
  // 414: the router refuses a path parameter it cannot hold before any hook runs, the guard's included.
  // The guard sits on each route: a request no route takes is refused as anyone's would be, which serves nothing.
  const refusedRevoked = answer.status === 429 || answer.status === 414
    || (answer.status === 403 && (c.request.method === 'HEAD' || answer.cutShort !== undefined || isRevokedRefusal(body)))
    || (!c.request.routed && UNROUTED[answer.status] !== undefined && answer.status >= 400 && (c.request.method === 'HEAD' || isErrorCode(body, UNROUTED_CODES)));
  if (c.request.headers[DEVICE_KEY_HEADER] === c.revokedKey && path?.startsWith('/api/') && !refusedRevoked) {
    found('revoked-not-refused', `a revoked phone was answered ${answer.status}`);
  }
  findings.push(...storeChecks(c, answer.status, body), ...batchChecks(c, answer.status, body), ...clearAnswers(c, body));
  return findings;
}

/**
 * A batch's per-item errors, a status page and one application's status carry no answers but
 * sealed ones: no member that holds them, and not the PINFL every application the fuzz sends has.
 */
function clearAnswers(c: Checked, body: string): Finding[] {
  if (!ANSWERING_OPERATIONS.has(c.operation.key) || !c.request.routed) return [];
  const members = new Set<string>();
  try {
    collectMembers(JSON.parse(body), members);
  } catch {
    return [];
  }
  const named = [...members].filter((member) => CLEAR_ANSWER_MEMBERS.has(member));
  return [
    ...(named.length > 0 ? [{ kind: 'answers-in-clear' as const, detail: `members ${named.join(', ')} in ${body.slice(0, 200)}` }] : []),
    ...(body.includes(VALID_PINFL) ? [{ kind: 'answers-in-clear' as const, detail: `the PINFL sent comes back: ${body.slice(0, 200)}` }] : []),
  ];
}

function collectMembers(value: unknown, into: Set<string>): void {
  if (typeof value !== 'object' || value === null) return;
  if (!Array.isArray(value)) for (const key of Object.keys(value)) into.add(key);
  for (const inner of Object.values(value)) collectMembers(inner, into);
}

function headerProblems(spec: ResponseSpec, answer: FuzzAnswer & { kind: 'answer' }): Finding[] {
  return Object.entries(spec.headers ?? {}).flatMap(([name, header]): Finding[] => {
    const value = answer.headers[name.toLowerCase()];
    const constant = header.schema?.const;
    if (value === undefined && (header.required || constant !== undefined)) return [{ kind: 'undocumented-header', detail: `${answer.status} without ${name}` }];
    if (value !== undefined && constant !== undefined && value !== constant) {
      return [{ kind: 'undocumented-header', detail: `${answer.status} with ${name}: ${String(value)}, not ${String(constant)}` }];
    }
    return [];
  });
}

function shapeProblem(spec: ResponseSpec, answer: FuzzAnswer & { kind: 'answer' }, body: string, c: Checked): string | null {
  if (answer.cutShort) return null;
  if (answer.decodeError) return `the body does not decode (${answer.decodeError})`;
  if (c.request.method === 'HEAD' || answer.body.length === 0) return null;
  const type = String(answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const media = spec.content?.[type];
  if (!media) return `a ${type || 'untyped'} body where the document gives ${Object.keys(spec.content ?? {}).join(' or ') || 'none'}: ${body.slice(0, 120)}`;
  if (!media.schema || type !== 'application/json') return null;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 120)}`;
  }
  const problem = c.validator.problem(media.schema, value);
  return problem ? `${problem}: ${body.slice(0, 200)}` : null;
}

/** What a request no route takes may be refused with: not found, or a path or body that cannot be read. */
const UNROUTED_CODES: string[] = [
  ERROR_CODES.notFound, ERROR_CODES.badRequest, ERROR_CODES.malformedJson, ERROR_CODES.bodyTooLarge, ERROR_CODES.unsupportedMediaType,
];

const isRevokedRefusal = (body: string) => isErrorCode(body, [ERROR_CODES.deviceRevoked]);

function isErrorCode(body: string, codes: string[]): boolean {
  try {
    return codes.includes((JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '');
  } catch {
    return false;
  }
}

/** Refused requests and reads store nothing; a batch stores no more items than it answers "created". */
function storeChecks(c: Checked, status: number | null, body = ''): Finding[] {
  const grown = (Object.keys(c.before) as (keyof StoreCounts)[]).filter((key) => c.after[key] > c.before[key]);
  if (grown.length === 0) return [];
  const detail = grown.map((key) => `${key} ${c.before[key]} → ${c.after[key]}`).join(', ');
  if (status === null || status >= 400) return [{ kind: 'stored-on-refusal', detail: `answered ${status ?? 'nothing'} yet stored: ${detail}` }];
  if (READS.has(c.request.method)) return [{ kind: 'stored-on-read', detail }];
  if (isBatch(c) && status === 200) {
    const created = resultsOf(body)?.filter((r) => r.status === 201).length ?? 0;
    const stored = c.after.submissions - c.before.submissions + c.after.feedback - c.before.feedback;
    if (stored > created) return [{ kind: 'stored-on-refusal', detail: `${stored} new items stored, ${created} answered 201` }];
  }
  return [];
}

/** Every batch answer has one result per item sent, each under the item's id where the item had a valid one. */
function batchChecks(c: Checked, status: number, body: string): Finding[] {
  if (!isBatch(c) || status !== 200) return [];
  const results = resultsOf(body);
  const items = sentItems(c.request);
  if (!results || !items) return [{ kind: 'batch-incomplete', detail: `200 for a batch whose ${results ? 'items' : 'results'} cannot be read` }];
  if (results.length !== items.length) return [{ kind: 'batch-incomplete', detail: `${items.length} items sent, ${results.length} results` }];
  // A per-item 503 is the server failing on that item: no input may cause one.
  const failed = results.filter((r) => typeof r.status === 'number' && r.status >= 500);
  const serverErrors: Finding[] = failed.map((r) => ({ kind: 'server-error', detail: `item ${String(r.id)} answered ${String(r.status)}: ${JSON.stringify(r).slice(0, 200)}` }));
  const wrong = items.flatMap((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    return isUuidV7(id) && results[i]!.id !== id ? [`result ${i} names ${String(results[i]!.id)}, not ${id}`] : [];
  });
  return [...serverErrors, ...(wrong.length > 0 ? [{ kind: 'batch-incomplete' as const, detail: wrong.join('; ') }] : [])];
}

/** A request the router takes to the batch operation (not a GET of its path, say, answered with the app shell). */
const isBatch = (c: Checked) => c.operation.key === BATCH_OPERATION && c.request.method === 'POST' && c.request.routed;

export function resultsOf(body: string): { id?: unknown; status?: unknown }[] | null {
  try {
    const results = (JSON.parse(body) as { results?: unknown }).results;
    return Array.isArray(results) ? results : null;
  } catch {
    return null;
  }
}

export function sentItems(request: FuzzRequest): unknown[] | null {
  if (!request.body) return null;
  try {
    const bytes = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
    const items = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { items?: unknown }).items;
    return Array.isArray(items) ? items : null;
  } catch {
    return null;
  }
}

/** The path a router sees once percent-escapes are undone, or null when they do not decode. */
function decodedPath(pathAndQuery: string): string | null {
  try {
    return decodeURIComponent(pathAndQuery.split('?')[0]!);
  } catch {
    return null;
  }
}
