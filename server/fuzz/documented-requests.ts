import { createHash } from 'node:crypto';
import { DEVICE_KEY_HEADER } from '../../src/contract/index';
import { newDeviceKey, onBehalfOf, OPERATOR_PASSWORD } from '../test-support/operator-fixtures';
import { jpegLikeBytes, newId, validItem } from '../test-support/submission-fixtures';
import type { FuzzWorld } from './fuzz-world';
import { asSent } from './operation-examples';
import type { RequestPlan } from './request-arbitrary';

const TUS = { 'tus-resumable': '1.0.0' };
const json = { 'content-type': 'application/json' };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** tus creation headers for these bytes, named by their hash. */
const creation = (bytes: Uint8Array) => ({
  ...TUS, 'upload-length': String(bytes.length), 'upload-metadata': `sha256 ${Buffer.from(sha256(bytes)).toString('base64')},filetype aW1hZ2UvanBlZw==`,
});

/**
 * One request per operation made exactly as the document says, which must succeed: the fuzz
 * sends it first, and the suite fails when an operation never answered below 400, since then its
 * generated requests cannot have reached the code behind the first checks either.
 */
export function documentedRequests(world: FuzzWorld): Record<string, RequestPlan> {
  const plan = (operation: string, path: string, headers: Record<string, string> = {}, body: RequestPlan['body'] = null): RequestPlan => ({
    operation, method: operation.split(' ')[0]!, path, headers, body, notes: ['as documented'], routed: true,
  });
  const bearer = { authorization: `Bearer ${world.accessToken}` };
  const basic = { authorization: `Basic ${Buffer.from(`admin:${world.adminToken}`).toString('base64')}` };
  const photo = jpegLikeBytes(2_000);
  const photoId = sha256(photo);
  const uploader = newDeviceKey();
  const onBehalf = onBehalfOf(world.operatorId);
  // Stored readable and sealed, on behalf with the operator's proof, and one whose answers are refused and come back sealed.
  const items = [
    validItem({ replyKey: world.replyKey }), asSent(validItem({ onBehalf }), 'by the operator\'s key', null),
    asSent(validItem({ onBehalf, replyKey: world.replyKey }), 'by the operator\'s key', 'to the server key'),
    asSent(validItem({ replyKey: world.replyKey, answers: { ...validItem().answers, pinfl: '1' } }), null, 'to the server key'),
  ];
  return Object.fromEntries([
    plan('GET /api/v1/catalogue', '/api/v1/catalogue'),
    plan('GET /api/v1/catalogue/changes', `/api/v1/catalogue/changes?since=${world.catalogue.version}&epoch=${world.catalogue.epoch}`),
    plan('GET /api/v1/forms', '/api/v1/forms?keys=birth-certificate-copy:1'),
    plan('GET /api/v1/forms/{serviceId}/{version}', '/api/v1/forms/birth-certificate-copy/1'),
    plan('GET /api/v1/services/{serviceId}', '/api/v1/services/birth-certificate-copy'),
    plan('GET /api/v1/refs/soato', '/api/v1/refs/soato'),
    plan('POST /api/v1/submissions', '/api/v1/submissions', { ...json, [DEVICE_KEY_HEADER]: world.boundKey }, { kind: 'json', value: { items } }),
    plan('GET /api/v1/submissions/{id}', `/api/v1/submissions/${world.storedIds[1]}`, { [DEVICE_KEY_HEADER]: world.senderKey }),
    plan('GET /api/v1/statuses', '/api/v1/statuses?since=0', { [DEVICE_KEY_HEADER]: world.senderKey }),
    plan('POST /api/v1/device-events', '/api/v1/device-events', json, {
      kind: 'json', value: { id: newId(), deviceId: newId(), kind: 'storage_evicted', unsentBefore: 2, detectedAt: '2026-03-01T09:00:00.000Z' },
    }),
    plan('POST /api/v1/auth/login', '/api/v1/auth/login', { ...json, [DEVICE_KEY_HEADER]: newDeviceKey() }, { kind: 'json', value: { username: 'fuzz-operator', password: OPERATOR_PASSWORD } }),
    plan('POST /api/v1/auth/refresh', '/api/v1/auth/refresh', { ...json, [DEVICE_KEY_HEADER]: world.boundKey }, { kind: 'json', value: { refreshToken: world.refreshTokens[0] } }),
    plan('POST /api/v1/auth/logout', '/api/v1/auth/logout', json, { kind: 'json', value: { refreshToken: world.refreshTokens[1] } }),
    plan('GET /api/v1/operator/applications', '/api/v1/operator/applications', { ...bearer, [DEVICE_KEY_HEADER]: world.boundKey }),
    plan('GET /api/v1/seal-key', '/api/v1/seal-key'),
    plan('POST /api/v1/payments/payme', '/api/v1/payments/payme', {
      ...json, authorization: `Basic ${Buffer.from(`Paycom:${world.paymeKey}`).toString('base64')}`,
    }, { kind: 'json', value: { jsonrpc: '2.0', id: 1, method: 'GetStatement', params: { from: 0, to: Date.now() } } }),
    plan('POST /api/v1/uploads', '/api/v1/uploads', { ...creation(jpegLikeBytes(2_000)), [DEVICE_KEY_HEADER]: newDeviceKey() }),
    plan('HEAD /api/v1/uploads/{id}', `/api/v1/uploads/${world.partialUpload.id}`, { ...TUS, [DEVICE_KEY_HEADER]: world.senderKey }),
    {
      ...plan('PATCH /api/v1/uploads/{id}', `/api/v1/uploads/${photoId}`, {
        ...TUS, [DEVICE_KEY_HEADER]: uploader, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream',
      }, { kind: 'bytes', bytes: photo }),
      before: { ...plan('POST /api/v1/uploads', '/api/v1/uploads', { ...creation(photo), [DEVICE_KEY_HEADER]: uploader }), notes: ['its upload created first'] },
    },
    plan('POST /api/v1/identity/sign-ins', '/api/v1/identity/sign-ins', { ...json, [DEVICE_KEY_HEADER]: newDeviceKey() }, { kind: 'json', value: world.citizen.signIn }),
    plan('GET /api/v1/identity/callback', '/api/v1/identity/callback?state=unknown&code=x'),
    plan('GET /api/v1/identity/me', '/api/v1/identity/me', world.citizen.reads.me),
    plan('GET /api/v1/identity/phones', '/api/v1/identity/phones', world.citizen.reads.phones),
    plan('POST /api/v1/identity/sign-out', '/api/v1/identity/sign-out', world.citizen.reads.signOut),
    plan('POST /api/v1/identity/phones/{keyId}/revoke', world.citizen.revoke.path, world.citizen.revoke.headers),
    plan('GET /api/v1/openapi.json', '/api/v1/openapi.json'),
    plan('GET /back-office', `/back-office?q=${world.storedNumbers[0]}`, basic),
    plan('POST /back-office/move', '/back-office/move', { ...basic, 'content-type': 'application/x-www-form-urlencoded', origin: world.origin, 'sec-fetch-site': 'same-origin' }, {
      kind: 'form', fields: [['csrf', world.csrfToken], ['application', world.storedNumbers[1]!], ['to', 'in_progress'], ['en', 'Being checked.']],
    }),
  ].map((p) => [p.operation, p]));
}
