import { OWNER_SELF, type OutboxRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { citizenProofFor, type CitizenSigner } from './citizen-proof';
import { transition } from './outbox-machine';
import { needsCitizenSignIn } from './refused-proof';

/**
 * Whether a new sign-in's key should sign this item: an own application (the phone's citizen's,
 * never a resident's, an operator's or one carried for someone else) that the server refused for
 * its citizen's proof, or one still waiting to go for the first time without a proof.
 */
function wantsCitizenProof(row: OutboxRow, keyId: string): boolean {
  if (row.owner !== OWNER_SELF || row.kind === 'feedback' || row.carried || row.delegation || row.payload === null) return false;
  if (needsCitizenSignIn(row)) return true;
  // Never tried: the server has not seen it, so nothing it holds under the id can differ.
  return row.state === 'queued' && row.attempts === 0 && row.citizen?.keyId !== keyId;
}

/**
 * After a citizen signs in: every own application that needs their proof is signed with the new
 * key and queued as it was. The envelope is not opened (the proof covers the item as it travels),
 * so nothing needs the PIN or a draft, and none is dropped. Returns the items signed.
 */
export async function signCitizenItems(db: XizmatDb, signer: CitizenSigner, now = Date.now()): Promise<OutboxRow[]> {
  const candidates = (await db.outbox.where('owner').equals(OWNER_SELF).toArray()).filter((row) => wantsCitizenProof(row, signer.keyId));
  const signed: OutboxRow[] = [];
  for (const row of candidates) {
    // Signed before the transaction: WebCrypto inside a Dexie transaction commits it early.
    const citizen = await citizenProofFor(row.id, row.payload!, signer);
    const next = await db.transaction('rw', db.outbox, async () => {
      const latest = await db.outbox.get(row.id);
      // Changed meanwhile (sent, corrected): it is no longer the item this proof covers.
      if (!latest || !wantsCitizenProof(latest, signer.keyId) || latest.payload?.body !== row.payload!.body || latest.state !== row.state) return null;
      const moved = transition(latest, { type: 'resign-citizen', citizen, at: now });
      await db.outbox.put(moved);
      return moved;
    });
    if (next) signed.push(next);
  }
  return signed;
}
