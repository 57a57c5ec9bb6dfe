import { gunzipSync } from 'node:zlib';
import { decodedPath, type Finding, type FindingKind } from './check-answer';
import type { FuzzRequest } from './fuzz-request';

/**
 * Failures the fuzz finds that are known and being fixed elsewhere. The suite passes over these
 * and fails on anything else; it also fails when one of them no longer occurs, so this list is
 * emptied as the fixes land and cannot hide a failure that came back under another name.
 * Each says, in the words of the report that found it, what is wrong.
 */
export interface KnownFailure {
  id: string;
  /** What is wrong, as the report that found it says. */
  words: string;
  kinds: FindingKind[];
  matches(request: FuzzRequest): boolean;
}

const BATCH = 'POST /api/v1/submissions';
const bodyText = (request: FuzzRequest): string => {
  if (!request.body) return '';
  try {
    return Buffer.from(request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body).toString('utf8');
  } catch {
    return '';
  }
};
const isUpload = (request: FuzzRequest) => request.operation.includes(' /api/v1/uploads');
const givenTwice = (request: FuzzRequest, names: string[]) => {
  const query = new URLSearchParams(request.path.split('?')[1] ?? '');
  return names.some((name) => query.getAll(name).length > 1);
};
/** A path whose literal part is spelled with escapes the router undoes (/%61pi/v1/statuses). */
const escapedPath = (request: FuzzRequest) => {
  const raw = request.path.split('?')[0]!;
  return /%[0-9a-f]{2}/i.test(raw) && decodedPath(raw) !== raw && request.notes.includes('path spelled with an escaped letter');
};

export const KNOWN_FAILURES: KnownFailure[] = [
  {
    id: 'null-body',
    words: '500 on a body of `null`',
    kinds: ['server-error'],
    matches: (request) => request.operation === BATCH && bodyText(request).trim() === 'null',
  },
  {
    id: 'deep-on-behalf',
    words: '500 on deeply nested objects inside `onBehalf` (also sealed)',
    kinds: ['server-error'],
    matches: (request) => request.operation === BATCH && request.notes.some((note) => /onBehalf\b.*nested \d+ deep/.test(note)),
  },
  {
    id: 'half-a-batch',
    words: 'one batch answered 500 after its first item was committed (half a batch stored, and the phone was told nothing)',
    kinds: ['stored-on-refusal'],
    matches: (request) => request.operation === BATCH && request.notes.some((note) => /onBehalf\b.*nested \d+ deep/.test(note)),
  },
  {
    id: 'back-office-non-string',
    words: 'Non-string fields in `/back-office/move` give a 500 today.',
    kinds: ['server-error'],
    matches: (request) => request.operation === 'POST /back-office/move' && /^application\/json/i.test(request.headers['content-type'] ?? ''),
  },
  {
    id: 'escaped-path-skips-guard',
    words: 'The API guard (revoked phones, request limits, no-store) looks at the raw URL: a percent-encoded path such as `/%61pi/v1/statuses` skips it',
    kinds: ['revoked-not-refused', 'no-store', 'undocumented-header'],
    matches: escapedPath,
  },
  {
    id: 'upload-headers',
    words: 'The upload routes answer `Access-Control-Allow-Origin: *` and skip the security headers.',
    kinds: ['cors', 'security-headers', 'no-store'],
    matches: isUpload,
  },
  {
    id: 'back-office-query-lists',
    words: 'Found by this fuzz, not in the review: GET /back-office with q or notice given twice (a list, not a string) answers 500.',
    kinds: ['server-error'],
    matches: (request) => request.operation === 'GET /back-office' && givenTwice(request, ['q', 'notice']),
  },
  {
    id: 'tus-extensions-501',
    words: 'Found by this fuzz, not in the review: POST /api/v1/uploads with Upload-Concat or Upload-Defer-Length answers 501 (tus\'s "not supported" for extensions this server does not offer), a 5xx for a client\'s input.',
    kinds: ['server-error'],
    matches: (request) => isUpload(request) && (request.headers['upload-concat'] !== undefined || request.headers['upload-defer-length'] !== undefined),
  },
];

/** The known failure a finding is, or undefined when it is new. */
export function knownFailureOf(finding: Finding, request: FuzzRequest): KnownFailure | undefined {
  return KNOWN_FAILURES.find((known) => known.kinds.includes(finding.kind) && known.matches(request));
}
