import fc from 'fast-check';
import { DEVICE_KEY_HEADER } from '../../src/contract/index';
import { onBehalfOf } from '../test-support/operator-fixtures';
import { validItem } from '../test-support/submission-fixtures';
import type { FuzzWorld } from './fuzz-world';
import { asSent } from './operation-examples';
import { refusalOf, type ProofHow } from './proof-later';
import type { RequestPlan } from './request-arbitrary';
import { freshDeviceKey } from './request-parts';

/** Every way an on-behalf item's proof is made, and none at all. */
export const EVERY_PROOF: (ProofHow | null)[] = [
  'by the operator\'s key', 'by a key whose sign-in ended', 'under the id of another of the operator\'s keys', 'made for another item',
  'naming another operator', 'by a key the server never registered', null,
];

/** One on-behalf application of a proof batch: new, valid, and proved some way. */
interface ProvedItem {
  id: string;
  how: ProofHow | null;
  sealed: boolean;
  replyKey: boolean;
}

/** A batch of on-behalf applications, and what the answer must say of each: stored, or refused for its proof alone. */
interface ProofBatch {
  plan: RequestPlan;
  expected: { id: string; status: number; code?: string }[];
}

/** The batch of these items from this phone (or none), as a phone sends it. */
export function proofBatchOf(world: FuzzWorld, items: ProvedItem[], deviceKey: string | null): ProofBatch {
  const onBehalf = onBehalfOf(world.operatorId);
  const sent = items.map((i) => asSent(validItem({ id: i.id, onBehalf, ...(i.replyKey ? { replyKey: world.replyKey } : {}) }), i.how, i.sealed ? 'to the server key' : null));
  return {
    plan: {
      operation: 'POST /api/v1/submissions', method: 'POST', path: '/api/v1/submissions', routed: true,
      headers: { 'content-type': 'application/json', ...(deviceKey ? { [DEVICE_KEY_HEADER]: deviceKey } : {}) },
      body: { kind: 'json', value: { items: sent } },
      notes: items.map((i) => `${i.id}: ${i.sealed ? 'sealed' : 'readable'}, proof ${i.how ?? 'none'}${i.replyKey ? ', reply key' : ''}`),
    },
    expected: items.map(({ id, how }) => {
      const code = refusalOf(how);
      return code === null ? { id, status: 201 } : { id, status: 403, code };
    }),
  };
}

/** Batches of new on-behalf applications, each proved one way or another, from the operator's phone, another or none. */
export function proofBatch(world: FuzzWorld): fc.Arbitrary<ProofBatch> {
  const item = fc.record({ id: fc.noBias(fc.uuid({ version: 7 })), how: fc.constantFrom(...EVERY_PROOF), sealed: fc.boolean(), replyKey: fc.boolean() });
  const phone = fc.oneof(fc.constant(null), fc.constant(world.boundKey), freshDeviceKey);
  return fc.tuple(fc.uniqueArray(item, { minLength: 1, maxLength: 4, selector: (i) => i.id }), phone)
    .map(([items, deviceKey]) => proofBatchOf(world, items, deviceKey));
}
