import type { Answers } from '../../contract/index';
import type { DraftRow } from '../db/records';
import { decryptJson } from '../vault/decrypt-json';
import { rowAad } from '../vault/row-aad';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault-error';

/**
 * A draft's answers in clear: decrypted when the draft is sealed (needs its owner's vault, else
 * VaultError 'locked'), as stored otherwise.
 */
export async function draftAnswers(draft: DraftRow, vault: Vault | null): Promise<Answers> {
  if (!draft.sealed) return draft.answers;
  if (!vault) throw new VaultError('locked', draft.owner);
  const sealed = await decryptJson(vault, draft.sealed, rowAad.draft(draft.owner, draft.id)) as Answers;
  // Clear answers beside sealed ones came later from code that holds no key (storePhoto writes a
  // photo's reference): they win, and the next vault save folds them into the ciphertext.
  return { ...sealed, ...draft.answers };
}
