import { ERROR_CODES, delegationDigest, isDelegationProof, verifyDelegation, type ItemResult, type SubmissionItem } from '../../src/contract/index';
import type { OperatorStorage } from '../storage/operator-storage';

/**
 * Whether an on-behalf item's operator stands behind it: yes (with the phone its key was made on,
 * which follows the application, whichever phone carried it), or the per-item 403 that says why not.
 */
export type Vouched = { ok: true; signedOn?: string } | { ok: false; refusal: ItemResult };

/**
 * Judges the operator's proof an on-behalf item carries (src/contract/delegation.ts) on arrival,
 * whichever phone brings it: a signature by a delegation key of the named operator over this id
 * and the item as sent (`wireDigest`: of its id and envelope when it came sealed), by a key whose
 * sign-in still lasts. Signed before a sign-out and sent after it is refused too: the operator
 * signs it again after signing in (docs/security.md says why).
 */
export async function checkDelegation(
  item: SubmissionItem, wireDigest: string | undefined, operators: Pick<OperatorStorage, 'findDelegationKey'>, at: Date,
): Promise<Vouched> {
  const proof = item.delegation;
  const operatorId = item.onBehalf?.operatorId;
  const refuse = (code: typeof ERROR_CODES.delegationInvalid | typeof ERROR_CODES.delegationRevoked, message: string): Vouched =>
    ({ ok: false, refusal: { id: item.id, status: 403, error: { code, message } } });
  const invalid = () => refuse(ERROR_CODES.delegationInvalid,
    'The operator\'s signature on this application is missing or does not verify; the operator signs it again after signing in.');
  if (!isDelegationProof(proof) || proof.operatorId !== operatorId) return invalid();
  const found = await operators.findDelegationKey(proof.keyId, at.toISOString());
  if (!found || found.key.operatorId !== operatorId) return invalid();
  if (!(await verifyDelegation(proof, item.id, wireDigest ?? await delegationDigest(item), found.key.publicKey))) return invalid();
  if (!found.live) {
    return refuse(ERROR_CODES.delegationRevoked,
      'The operator who signed this application has signed out, or the phone or operator was revoked; the operator signs it again after signing in.');
  }
  return { ok: true, signedOn: found.key.deviceHash };
}
