import type { ErrorCode } from '../../contract/index';
import type { OutboxRow } from '../db/records';

/** The per-item refusals of an operator's proof (src/contract/error-codes.ts). Kept apart from the signing code: the outbox screen loads this. */
const REFUSED_PROOFS: readonly ErrorCode[] = ['delegation_invalid', 'delegation_revoked'];
/** The per-item refusals of a citizen's proof, or of an application that needs one and had none. */
const REFUSED_IDENTITY: readonly ErrorCode[] = ['identity_required', 'identity_invalid', 'identity_revoked'];
/**
 * Every per-item refusal of a proof: final until the person signs in again. Typed literals, not
 * ERROR_CODES: that table would be the service worker's bytes for five strings.
 */
export const REFUSED_PROOF_CODES: readonly ErrorCode[] = [...REFUSED_PROOFS, ...REFUSED_IDENTITY];

/** True for an item the server refused for its operator's proof: kept, shown, and sent again once signed again. */
export function needsSigningAgain(row: OutboxRow): boolean {
  return row.state === 'needs_action' && row.payload !== null && (REFUSED_PROOFS as readonly string[]).includes(row.problem?.code ?? '');
}

/** True for an own application the server refused for its citizen's proof (or the lack of one): sent again once the citizen signs in. */
export function needsCitizenSignIn(row: OutboxRow): boolean {
  return row.state === 'needs_action' && row.payload !== null && (REFUSED_IDENTITY as readonly string[]).includes(row.problem?.code ?? '');
}
