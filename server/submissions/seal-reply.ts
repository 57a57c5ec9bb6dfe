import { sealReopen, type P256PublicJwk, type ReopenedAnswers, type SealedReopen } from '../../src/contract/index';

/**
 * Application `id`'s answers as they may leave the server: sealed to the reply key the application
 * carried, the id as additional data. Null when it carried none: nothing readable goes.
 */
export async function sealedReopen(
  id: string, reopen: { formVersion: number; revision?: number } & ReopenedAnswers, replyKey: P256PublicJwk | null | undefined,
): Promise<SealedReopen | null> {
  if (!replyKey) return null;
  const answers: ReopenedAnswers = { answers: reopen.answers, ...(reopen.raw ? { raw: reopen.raw } : {}) };
  return {
    formVersion: reopen.formVersion, ...(reopen.revision ? { revision: reopen.revision } : {}),
    sealed: await sealReopen(answers, replyKey, id),
  };
}
