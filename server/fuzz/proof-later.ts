import { ERROR_CODES, delegationDigest, signDelegation, type DelegationProof } from '../../src/contract/index';
import type { TestDelegation } from '../test-support/operator-fixtures';
import { jsonText, RawJson } from './json-text';

/**
 * How an on-behalf item's operator proof is made: as the phone makes it, or broken in one way
 * the server must refuse per item (src/contract/delegation.ts).
 */
export type ProofHow =
  | 'by the operator\'s key'
  | 'by a key whose sign-in ended'
  | 'under the id of another of the operator\'s keys'
  | 'made for another item'
  | 'naming another operator'
  | 'by a key the server never registered';

/**
 * An operator's proof to be made when the request is made, over the object whose `delegation`
 * member it is, as that object finally travels: after the mutations of the fuzz and after any
 * sealing, so a mutated item still gets past the proof check to the code behind it. Signing is
 * asynchronous and arbitraries are not, hence later.
 */
export class ProofLater {
  constructor(readonly how: ProofHow) {}
}

/** The keys proofs are made with. */
export interface ProofSigners {
  /** The delegation key of the operator's sign-in that lasts. */
  live: TestDelegation;
  /** A key of the same operator whose sign-in was ended by a sign-out. */
  ended: TestDelegation;
  /** A key made for the same operator and never sent to the server. */
  unregistered: TestDelegation;
  /** Another operator the server knows. */
  otherOperatorId: string;
}

/** What a proof made this way gets, on an item the server would otherwise store: null when it is accepted. */
export function refusalOf(how: ProofHow | null): string | null {
  if (how === 'by the operator\'s key') return null;
  return how === 'by a key whose sign-in ended' ? ERROR_CODES.delegationRevoked : ERROR_CODES.delegationInvalid;
}

/** As if lifted from another application: another id, and the digest of another item. */
const OTHER_ITEM = { id: '01900000-0000-7000-8000-0000000000ff', digest: 'f'.repeat(64) };

/** `value` with each ProofLater in a `delegation` member replaced by the proof it describes. */
export async function signProofs(value: unknown, signers: ProofSigners): Promise<unknown> {
  if (value instanceof RawJson || value instanceof ProofLater || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => signProofs(v, signers)));
  const object = Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await signProofs(v, signers)])));
  const later = object.delegation;
  if (!(later instanceof ProofLater)) return object;
  const { delegation: _later, ...wire } = object;
  return { ...object, delegation: await proofOf(later.how, wire, signers) };
}

async function proofOf(how: ProofHow, wire: Record<string, unknown>, s: ProofSigners): Promise<DelegationProof> {
  const id = typeof wire.id === 'string' ? wire.id : '';
  const digest = await digestAsSent(wire);
  const sign = (key: TestDelegation, names: { operatorId: string; keyId: string } = key, on = { id, digest }) =>
    signDelegation(key.privateKey, names, on.id, on.digest);
  switch (how) {
    case 'by the operator\'s key': return sign(s.live);
    case 'by a key whose sign-in ended': return sign(s.ended);
    case 'under the id of another of the operator\'s keys': return sign(s.live, { operatorId: s.live.operatorId, keyId: s.ended.keyId });
    case 'made for another item': return sign(s.live, s.live, OTHER_ITEM);
    case 'naming another operator': return sign(s.live, { operatorId: s.otherOperatorId, keyId: s.live.keyId });
    case 'by a key the server never registered': return sign(s.unregistered);
  }
}

/**
 * The digest the server computes of the item it parses, so read back from the very text sent
 * (numbers it cannot hold, repeated keys). Nesting too deep to hash is refused before any proof
 * is judged: then any digest does.
 */
async function digestAsSent(wire: Record<string, unknown>): Promise<string> {
  try {
    return await delegationDigest(JSON.parse(jsonText(wire)) as object);
  } catch {
    return '';
  }
}
