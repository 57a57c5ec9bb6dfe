import type { Answers } from '../../contract/index';
import type { ProfileRow } from '../db/records';
import { decryptJson } from '../vault/decrypt-json';
import { rowAad } from '../vault/row-aad';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault-error';

/**
 * An owner's profile values in clear ({} without a profile): decrypted when sealed (needs the
 * owner's vault, else VaultError 'locked'), as stored otherwise.
 */
export async function profileValues(profile: ProfileRow | null | undefined, vault: Vault | null): Promise<Answers> {
  if (!profile) return {};
  if (!profile.sealed) return profile.values;
  if (!vault) throw new VaultError('locked', profile.owner);
  return await decryptJson(vault, profile.sealed, rowAad.profile(profile.owner)) as Answers;
}
