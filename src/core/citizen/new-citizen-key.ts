import { CITIZEN_KEY_ALGORITHM, jwkThumbprint, publicMembers, type P256PublicJwk } from '../../contract/index';

export interface NewCitizenKey {
  keyId: string;
  privateKey: CryptoKey;
  publicKey: P256PublicJwk;
}

/**
 * A fresh key pair for one citizen sign-in. The private half is non-extractable: it signs on this
 * phone and can never be read out of it, not even by the app's own script; a new sign-in makes a
 * new one, so ending one sign-in never leaves a key that still works.
 */
export async function newCitizenKey(): Promise<NewCitizenKey> {
  const pair = await crypto.subtle.generateKey(CITIZEN_KEY_ALGORITHM, false, ['sign']);
  const publicKey = publicMembers(await crypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}
