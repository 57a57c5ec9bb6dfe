import { DEVICE_KEY_HEADER } from '../../src/contract/index';
import { CSRF_FIELD } from '../back-office/back-office-routes';
import { newDeviceKey, onBehalfOf } from '../test-support/operator-fixtures';
import { newId, validItem } from '../test-support/submission-fixtures';
import type { FuzzWorld } from './fuzz-world';
import { SealLater } from './json-mutation';
import { deeplyNested } from './json-text';
import { asSent } from './operation-examples';
import type { RequestPlan } from './request-arbitrary';

/** As deep as the security review's requests nested onBehalf (docs/security.md, "Threats from the API review"). */
const DEEP = 10_000;

/**
 * The requests that showed the failures the security review and this fuzz found (500s on a null
 * body, deep onBehalf, non-string back-office fields and repeated back-office query parameters;
 * a revoked phone served through an escaped path; an API error without no-store for a path with a
 * dot segment; 501 for tus extensions; CORS on uploads; a reply key off the curve, stored, or
 * answered 503 on every resend of a sealed item whose answers were refused; 500 for deep nesting
 * beside a sealed item's envelope and its operator's proof), sent
 * before the generated ones of their operation in every run: whatever the seed, a failure that
 * comes back is met. Each was a known failure (known-failures.ts) until it was fixed.
 */
export function issueReproductions(world: FuzzWorld): Record<string, RequestPlan[]> {
  const json = { 'content-type': 'application/json' };
  const plan = (operation: string, path: string, headers: Record<string, string>, body: RequestPlan['body'], note: string): RequestPlan => ({
    operation, method: operation.split(' ')[0]!, path, headers, body, notes: [note], routed: true,
  });
  const deepOnBehalf = (id: string) => ({ ...validItem({ id, onBehalf: onBehalfOf(world.operatorId) }), onBehalf: { ...onBehalfOf(world.operatorId), extra: deeplyNested(DEEP, 'object') } });
  const basic = `Basic ${Buffer.from(`admin:${world.adminToken}`).toString('base64')}`;
  // Past the device key and the CSRF token, so each request reaches the check it once broke.
  const uploader = { 'tus-resumable': '1.0.0', [DEVICE_KEY_HEADER]: newDeviceKey() };
  const sealedId = newId();
  const offCurve = { ...world.replyKey, y: world.replyKey.x };
  const refusedAnswers = validItem({ replyKey: offCurve, answers: { ...validItem().answers, pinfl: '1' } });
  return {
    'POST /api/v1/submissions': [
      plan('POST /api/v1/submissions', '/api/v1/submissions', json, { kind: 'bytes', bytes: Buffer.from('null') }, 'body: null'),
      {
        ...plan('POST /api/v1/submissions', '/api/v1/submissions', { ...json, [DEVICE_KEY_HEADER]: world.boundKey }, { kind: 'json', value: { items: [validItem(), deepOnBehalf(newId())] } }, 'a valid item first'),
        notes: ['a valid item first', `items.1.onBehalf.extra added: object nested ${DEEP} deep`],
      },
      {
        ...plan('POST /api/v1/submissions', '/api/v1/submissions', { ...json, [DEVICE_KEY_HEADER]: world.boundKey }, {
          kind: 'json', value: { items: [{ id: sealedId, sealed: new SealLater(sealedId, deepOnBehalf(sealedId), 'to the server key') }] },
        }, 'sealed'),
        notes: [`items.0.(sealed).onBehalf.extra added: object nested ${DEEP} deep`, 'sealed to the server key'],
      },
      {
        ...plan('POST /api/v1/submissions', '/api/v1/submissions', { ...json, [DEVICE_KEY_HEADER]: newDeviceKey() }, {
          kind: 'json', value: { items: [validItem(), { ...asSent(validItem({ onBehalf: onBehalfOf(world.operatorId) }), 'by the operator\'s key', 'to the server key'), extra: deeplyNested(DEEP, 'object') }] },
        }, 'a valid item first'),
        notes: ['a valid item first', 'sealed with its operator\'s proof', `items.1.extra added: object nested ${DEEP} deep`],
      },
      plan('POST /api/v1/submissions', '/api/v1/submissions', { ...json, [DEVICE_KEY_HEADER]: newDeviceKey() }, {
        kind: 'json', value: { items: [validItem({ replyKey: offCurve }), asSent(refusedAnswers, null, 'to the server key')] },
      }, 'reply keys off the curve: a readable item, and a sealed one whose answers the form refuses'),
    ],
    'POST /back-office/move': [
      plan('POST /back-office/move', '/back-office/move', { ...json, authorization: basic }, {
        kind: 'json', value: { [CSRF_FIELD]: world.csrfToken, application: world.storedNumbers[1], to: 'in_progress', uz: 5 },
      }, 'fields that are not strings, as JSON'),
    ],
    'GET /back-office': [
      plan('GET /back-office', `/back-office?q=${world.storedNumbers[0]}&q=${world.storedNumbers[1]}`, { authorization: basic }, null, 'q twice'),
    ],
    'GET /api/v1/statuses': [
      plan('GET /api/v1/statuses', '/%61pi/v1/statuses', { [DEVICE_KEY_HEADER]: world.revokedKey }, null, 'path spelled with an escaped letter'),
      { ...plan('GET /api/v1/statuses', '/api/v1/./statuses', { [DEVICE_KEY_HEADER]: world.revokedKey }, null, 'path with a dot segment'), routed: false },
    ],
    'POST /api/v1/uploads': [
      plan('POST /api/v1/uploads', '/api/v1/uploads', { ...uploader, 'upload-concat': 'partial', 'upload-length': '10' }, null, 'Upload-Concat: partial'),
      plan('POST /api/v1/uploads', '/api/v1/uploads', { ...uploader, 'upload-defer-length': '1' }, null, 'Upload-Defer-Length: 1'),
      // There is no OPTIONS route any more: a CORS preflight from another origin must get no grant either.
      { ...plan('POST /api/v1/uploads', '/api/v1/uploads', { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, null, 'method OPTIONS instead of POST'), method: 'OPTIONS', routed: false },
    ],
  };
}
