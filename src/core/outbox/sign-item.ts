import { delegationDigest, signDelegation, type DelegationProof } from '../../contract/index';
import type { EncodedPayload, OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { transition } from './outbox-machine';
import { needsSigningAgain } from './refused-proof';
import { payloadWire } from './wire-item';

/** The signed-in operator's delegation key, unlocked in memory: what signs on-behalf applications. */
export interface DelegationSigner {
  operatorId: string;
  keyId: string;
  privateKey: CryptoKey;
}

/** The operator's proof over an item as it will travel (src/contract/delegation.ts). */
export async function proofFor(id: string, payload: EncodedPayload, signer: DelegationSigner): Promise<DelegationProof> {
  return signDelegation(signer.privateKey, signer, id, await delegationDigest(payloadWire(id, payload)));
}

/**
 * Signs an item whose proof was refused again with the operator's current delegation key (after
 * signing in again) and queues it as it was: the envelope is not opened, so nothing needs a
 * draft. Only the operator the item names may; an item from before proofs names none, and its
 * resident's operator (`operatorOfOwner`) stands in. Null when this signer may not or nothing is to do.
 */
export async function signItemAgain(
  db: XizmatDb, id: string, signer: DelegationSigner, operatorOfOwner: string | null, now = Date.now(),
): Promise<OutboxRow | null> {
  const row = await db.outbox.get(id);
  if (!row || !needsSigningAgain(row) || (row.delegation?.operatorId ?? operatorOfOwner) !== signer.operatorId) return null;
  // Signed before the transaction: WebCrypto inside a Dexie transaction commits it early.
  const delegation = await proofFor(row.id, row.payload!, signer);
  return db.transaction('rw', db.outbox, async () => {
    const latest = await db.outbox.get(id);
    if (!latest || !needsSigningAgain(latest) || latest.payload?.body !== row.payload!.body) return null;
    const next = transition(latest, { type: 'resign', delegation, at: now });
    await db.outbox.put(next);
    return next;
  });
}
