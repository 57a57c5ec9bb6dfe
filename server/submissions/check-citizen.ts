import { ERROR_CODES, isCitizenProof, verifyCitizen, delegationDigest, type IdentityRule, type ItemResult, type SubmissionItem } from '../../src/contract/index';
import type { CitizenStorage } from '../storage/citizen-storage';

/**
 * Whose own application an item is: a signed-in citizen's (with the phone their key was made on,
 * which follows it, whichever phone carried it), nobody's in particular (no proof, where the service
 * allows that), or the per-item 403 that says why not.
 */
export type Filed = { ok: true; citizenId: string | null; signedOn?: string } | { ok: false; refusal: ItemResult };

/**
 * Judges the citizen's proof an own item carries (src/contract/citizen.ts) on arrival: a signature
 * by a key bound at a sign-in, over this id and the item as sent (`wireDigest`: of its id and
 * envelope when it came sealed), by a key still live. Signed before a sign-out and sent after it is
 * refused: as with an operator's proof, the phone's clock cannot say when it was signed, so the
 * citizen signs it again after signing in (docs/security.md, "Citizens"). An on-behalf item is the
 * operator's to vouch for (check-delegation.ts).
 */
export async function checkCitizen(
  item: SubmissionItem, wireDigest: string | undefined, citizens: Pick<CitizenStorage, 'findKey'>, rule: IdentityRule,
): Promise<Filed> {
  if (item.onBehalf) return { ok: true, citizenId: null };
  const refuse = (code: typeof ERROR_CODES.identityRequired | typeof ERROR_CODES.identityInvalid | typeof ERROR_CODES.identityRevoked, message: string): Filed =>
    ({ ok: false, refusal: { id: item.id, status: 403, error: { code, message } } });
  const proof = item.citizen;
  if (proof === undefined) {
    return rule === 'required'
      ? refuse(ERROR_CODES.identityRequired, 'This service takes applications only from a signed-in citizen; sign in with OneID and send it again.')
      : { ok: true, citizenId: null };
  }
  const invalid = () => refuse(ERROR_CODES.identityInvalid, 'The citizen\'s signature on this application does not verify; sign in again and send it again.');
  if (!isCitizenProof(proof)) return invalid();
  const found = await citizens.findKey(proof.keyId);
  if (!found) return invalid();
  if (!(await verifyCitizen(proof, item.id, wireDigest ?? await delegationDigest(item), found.key.publicKey))) return invalid();
  if (!found.live) {
    return refuse(ERROR_CODES.identityRevoked,
      'The sign-in that signed this application has ended (signed out, or this phone was removed from another one); sign in again and send it again.');
  }
  return { ok: true, citizenId: found.key.citizenId, signedOn: found.key.deviceHash };
}
