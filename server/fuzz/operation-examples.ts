import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { APPLICATION_STATUSES, DEVICE_KEY_HEADER, LOCALES, type Answers, type SubmissionItem } from '../../src/contract/index';
import { CSRF_FIELD } from '../back-office/back-office-routes';
import { onBehalfOf, OPERATOR_PASSWORD } from '../test-support/operator-fixtures';
import { validItem } from '../test-support/submission-fixtures';
import type { FuzzWorld } from './fuzz-world';
import { SealLater, type SealHow } from './json-mutation';
import { ProofLater, type ProofHow } from './proof-later';
import type { BodyPlan } from './request-body';
import { freshDeviceKey } from './request-parts';

/**
 * Values that get a request of one operation past its first checks, so mutations of them reach
 * deeper code: ids the server holds, the operator's phone for on-behalf items, tokens that hold,
 * catalogue versions it had. Keyed by Operation.key; an operation without an entry is fuzzed from
 * its schemas alone.
 */
export interface Examples {
  /** Good values of parameters (path, query and header) by name; the device key has a generator of its own (request-parts.ts). */
  params?: Record<string, fc.Arbitrary<string>>;
  /** A body the operation accepts. */
  body?: fc.Arbitrary<BodyPlan>;
  /** Another request to send first, which this one builds on (a fresh upload for a PATCH), and the values it fixes (the device key included). */
  before?: fc.Arbitrary<{ plan: Staged; params: Record<string, string>; body: BodyPlan }>;
  /** The Authorization an operation is mostly sent with. */
  credentials?: 'bearer' | 'basic';
}

/** A request sent before the fuzzed one, on the same checks. */
export interface Staged {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodyPlan | null;
  notes: string[];
}

const TUS = '1.0.0';
const freshId = fc.noBias(fc.uuid({ version: 7 }));
const time = fc.date({ min: new Date('2020-01-01T00:00:00.000Z'), max: new Date('2030-12-31T00:00:00.000Z'), noInvalidDate: true }).map((d) => d.toISOString());
const sealHow = fc.constantFrom<SealHow>('to the server key', 'to the server key', 'to a key the server does not hold', 'under another id', 'then changed on the way');
/** Mostly the proof a phone makes, so on-behalf items reach storage; now and then one the server must refuse. */
const proofHow: fc.Arbitrary<ProofHow> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<ProofHow>('by the operator\'s key') },
  { weight: 1, arbitrary: fc.constantFrom<ProofHow>(
    'by a key whose sign-in ended', 'under the id of another of the operator\'s keys', 'made for another item', 'naming another operator',
    'by a key the server never registered',
  ) },
);

/** An item as a phone sends it, readable or sealed, with its operator's proof beside it when it has one. */
export function asSent(item: { id: string }, how: ProofHow | null, sealed: SealHow | null): object {
  const proof = how === null ? {} : { delegation: new ProofLater(how) };
  return sealed === null ? { ...item, ...proof } : { id: item.id, sealed: new SealLater(item.id, item, sealed), ...proof };
}
const json = (value: fc.Arbitrary<unknown>): fc.Arbitrary<BodyPlan> => value.map((v) => ({ kind: 'json', value: v }));
/** Answers the fixture form refuses, one field each: the application is judged, then refused with validation_failed. */
const REFUSED_ANSWERS: Answers[] = [{ pinfl: '1' }, { birthDate: '2999-01-01' }, { region: '9999' }, { fullName: '' }];
const b64 = (text: string) => Buffer.from(text).toString('base64');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Bytes that begin as a JPEG does, so a finished upload passes the file-type check. */
const jpegLike = fc.uint8Array({ minLength: 8, maxLength: 3_000 }).map((bytes) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...bytes]));

export function operationExamples(world: FuzzWorld): Record<string, Examples> {
  const storedId = fc.constantFrom(...world.storedIds);
  const onBehalf = onBehalfOf(world.operatorId);
  // Half of the applications carry the phone's reply key: answers may then come back, never in clear.
  const replyKey = fc.constantFrom<Partial<SubmissionItem>>({}, { replyKey: world.replyKey });
  const unsigned = <T extends { id: string }>(item: T): { item: { id: string }; how: ProofHow | null } => ({ item, how: null });
  const item = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(freshId, replyKey).map(([id, key]) => unsigned(validItem({ id, ...key }))) },
    { weight: 4, arbitrary: fc.tuple(freshId, replyKey, proofHow).map(([id, key, how]) => ({ item: validItem({ id, onBehalf, ...key }), how })) },
    { weight: 1, arbitrary: fc.tuple(freshId, replyKey, fc.constantFrom(...REFUSED_ANSWERS)).map(([id, key, refused]) => unsigned(validItem({ id, ...key, answers: { ...validItem().answers, ...refused } }))) },
    { weight: 2, arbitrary: fc.record({ id: freshId, rating: fc.integer({ min: 1, max: 5 }), comment: fc.string({ maxLength: 40 }), applicationId: fc.constantFrom(null, ...world.storedIds), givenAt: time })
      .map((f) => unsigned({ kind: 'feedback', serviceId: 'birth-certificate-copy', ...f })) },
    { weight: 1, arbitrary: replyKey.map((key) => unsigned(validItem({ id: world.returnedId, revision: 2, ...key }))) },
    { weight: 1, arbitrary: proofHow.map((how) => ({ item: validItem({ id: world.returnedOnBehalfId, revision: 2, onBehalf }), how })) },
    { weight: 1, arbitrary: storedId.map((id) => unsigned(validItem({ id }))) },
  );
  const sealedOrNot = fc.tuple(item, fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: sealHow }))
    .map(([{ item: inner, how }, sealed]) => asSent(inner, how, sealed));
  // Each begun by a phone of its own: the upload is that phone's, and its PATCH carries the same key.
  const createUpload = fc.tuple(jpegLike, fc.boolean(), freshDeviceKey).map(([bytes, whole, phone]) => {
    const id = sha256(bytes);
    const plan: Staged = {
      operation: 'POST /api/v1/uploads', method: 'POST', path: '/api/v1/uploads', body: null, notes: [`created upload ${id.slice(0, 12)}… of ${bytes.length} bytes first`],
      headers: {
        'tus-resumable': TUS, [DEVICE_KEY_HEADER]: phone, 'upload-length': String(bytes.length), 'upload-metadata': `sha256 ${b64(id)},filetype ${b64('image/jpeg')}`,
      },
    };
    const sent = whole ? bytes : bytes.subarray(0, Math.ceil(bytes.length / 2));
    return { plan, params: { id, 'Upload-Offset': '0', [DEVICE_KEY_HEADER]: phone }, body: { kind: 'bytes', bytes: sent } as BodyPlan };
  });
  const uploadCreation = jpegLike.map((bytes) => {
    const id = sha256(bytes);
    return { 'Upload-Length': String(bytes.length), 'Upload-Metadata': `sha256 ${b64(id)},filetype ${b64('image/jpeg')}` };
  });

  return {
    'POST /api/v1/submissions': {
      body: json(fc.uniqueArray(sealedOrNot, { minLength: 1, maxLength: 4, selector: (i) => (i as { id: string }).id }).map((items) => ({ items }))),
    },
    'GET /api/v1/submissions/{id}': { params: { id: fc.oneof(storedId, freshId) }, credentials: 'bearer' },
    'GET /api/v1/statuses': { params: { since: fc.oneof(fc.constantFrom('0', '1'), fc.nat({ max: 1_000 }).map(String)) } },
    'GET /api/v1/catalogue/changes': {
      params: { since: fc.oneof(fc.constant(String(world.catalogue.version)), fc.integer({ min: 1, max: 10 }).map(String)), epoch: fc.constantFrom(world.catalogue.epoch, 'another-epoch') },
    },
    'GET /api/v1/forms': {
      params: { keys: fc.array(fc.constantFrom('birth-certificate-copy:1', 'birth-certificate-copy:2', 'no-such-service:1'), { minLength: 1, maxLength: 3 }).map((keys) => keys.join(',')) },
    },
    'GET /api/v1/forms/{serviceId}/{version}': {
      params: { serviceId: fc.constantFrom('birth-certificate-copy', 'no-such-service'), version: fc.constantFrom('1', '2') },
    },
    'GET /api/v1/services/{serviceId}': { params: { serviceId: fc.constantFrom('birth-certificate-copy', 'no-such-service') } },
    'POST /api/v1/auth/login': {
      body: json(fc.record({ username: fc.constantFrom('fuzz-operator', 'no-such-operator'), password: fc.constantFrom(OPERATOR_PASSWORD, 'wrong password') })),
    },
    'POST /api/v1/auth/refresh': { body: json(fc.constantFrom(...world.refreshTokens).map((refreshToken) => ({ refreshToken }))) },
    'POST /api/v1/auth/logout': { body: json(fc.constantFrom(...world.refreshTokens).map((refreshToken) => ({ refreshToken }))) },
    'GET /api/v1/operator/applications': { credentials: 'bearer' },
    'POST /api/v1/device-events': {
      body: json(fc.record({ id: freshId, deviceId: freshId, kind: fc.constantFrom('storage_evicted', 'storage_upgrade_failed'), unsentBefore: fc.nat({ max: 100 }), detectedAt: time })),
    },
    'POST /api/v1/uploads': uploadHeaders(uploadCreation),
    'HEAD /api/v1/uploads/{id}': { params: { id: fc.constant(world.partialUpload.id), 'Tus-Resumable': fc.constant(TUS) } },
    'PATCH /api/v1/uploads/{id}': { params: { 'Tus-Resumable': fc.constant(TUS) }, before: createUpload },
    'GET /back-office': {
      params: { q: fc.constantFrom(...world.storedNumbers, ...world.storedIds, ''), status: fc.constantFrom(...APPLICATION_STATUSES, ''), notice: fc.string({ maxLength: 30 }) },
      credentials: 'basic',
    },
    'POST /back-office/move': {
      // The page's token mostly, as the back office's own form sends it; without it now and then.
      body: fc.record({
        csrf: fc.oneof({ weight: 9, arbitrary: fc.constant([[CSRF_FIELD, world.csrfToken]] as [string, string][]) }, { weight: 1, arbitrary: fc.constant([] as [string, string][]) }),
        application: fc.constantFrom(...world.storedNumbers, ...world.storedIds, 'XZ-2026-999999'),
        to: fc.constantFrom(...APPLICATION_STATUSES),
        messages: fc.subarray([...LOCALES]).chain((locales) => fc.tuple(...locales.map((l) => fc.string({ maxLength: 30 }).map((m): [string, string] => [l, m])))),
      }).map(({ csrf, application, to, messages }): BodyPlan => ({ kind: 'form', fields: [...csrf, ['application', application], ['to', to], ...messages] })),
      params: { Origin: fc.constant(world.origin), 'Sec-Fetch-Site': fc.constant('same-origin') },
      credentials: 'basic',
    },
  };
}

/** The creation headers of a fresh file, as good values of POST /uploads' header parameters. */
function uploadHeaders(creation: fc.Arbitrary<Record<string, string>>): Pick<Examples, 'params'> {
  return { params: { 'Tus-Resumable': fc.constant(TUS), 'Upload-Length': creation.map((h) => h['Upload-Length']!), 'Upload-Metadata': creation.map((h) => h['Upload-Metadata']!) } };
}
