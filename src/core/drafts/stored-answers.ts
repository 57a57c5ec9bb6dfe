import type { Answers } from '../../contract/index';
import type { DraftRow } from '../db/records';
import { encryptJson } from '../vault/encrypt-json';
import { rowAad } from '../vault/row-aad';
import type { Vault } from '../vault/vault';

/** The answer fields of a draft row as stored: sealed under the vault, or in clear without one. */
export async function storedAnswers(
  owner: string, draftId: string, answers: Answers, vault: Vault | null,
): Promise<Pick<DraftRow, 'answers' | 'sealed'>> {
  if (!vault) return { answers };
  return { answers: {}, sealed: await encryptJson(vault, answers, rowAad.draft(owner, draftId)) };
}
