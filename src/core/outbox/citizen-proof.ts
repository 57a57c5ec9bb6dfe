import { citizenDigest, signCitizen, type CitizenProof } from '../../contract/index';
import type { CitizenRecord, EncodedPayload } from '../db/records';
import { payloadWire } from './wire-item';

/** What signs a citizen's own applications: the key of this phone's sign-in. */
export type CitizenSigner = Pick<CitizenRecord, 'keyId' | 'privateKey'>;

/** The citizen's proof over an item as it will travel, without any proof (src/contract/citizen.ts). */
export async function citizenProofFor(id: string, payload: EncodedPayload, signer: CitizenSigner): Promise<CitizenProof> {
  return signCitizen(signer.privateKey, signer.keyId, id, await citizenDigest(payloadWire(id, payload)));
}
