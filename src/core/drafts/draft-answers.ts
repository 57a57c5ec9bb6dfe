import type { Answers } from '../../contract/index';
import type { DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { openReply } from '../device/reply-key';
import { decryptJson } from '../vault/decrypt-json';
import { rowAad } from '../vault/row-aad';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault-error';

/**
 * A draft's answers in clear: decrypted when the draft is sealed, opened with this phone's reply
 * key when it holds a returned application's answers as the server sent them (both need the
 * owner's vault, else VaultError 'locked': only an owner with a PIN has either), as stored otherwise.
 */
export async function draftAnswers(db: XizmatDb, draft: DraftRow, vault: Vault | null): Promise<Answers> {
  if (!draft.sealed && !draft.reopened) return draft.answers;
  if (!vault) throw new VaultError('locked', draft.owner);
  const reopened = draft.reopened ? (await openReply(db, draft.reopened, draft.id))?.answers ?? {} : {};
  const sealed = draft.sealed ? await decryptJson(vault, draft.sealed, rowAad.draft(draft.owner, draft.id)) as Answers : {};
  // Clear answers beside sealed ones came later from code that holds no key (storePhoto writes a
  // photo's reference): they win, and the next vault save folds them into the ciphertext.
  return { ...reopened, ...sealed, ...draft.answers };
}
