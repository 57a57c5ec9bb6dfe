import type { Answers } from '../../contract/index';
import type { DraftRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { decryptJson } from './decrypt-json';
import { encryptJson } from './encrypt-json';
import { rowAad } from './row-aad';
import type { Vault } from './vault';

/** Rounds of sealing before giving up on rows that keep changing underneath (one is the norm). */
const MAX_ROUNDS = 5;

/**
 * Encrypts what an owner has in clear: drafts and profile kept before choosing a PIN, a draft the
 * service worker reopened while locked, answers keyless code wrote beside a sealed draft (a
 * photo's reference). Encryption runs outside the transaction (WebCrypto inside a Dexie
 * transaction ends it); a row changed meanwhile is taken again in the next round.
 */
export async function sealOwnerData(db: XizmatDb, vault: Vault, owner = vault.owner): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const drafts = await db.drafts.where('owner').equals(owner).filter((d) => !d.sealed || Object.keys(d.answers).length > 0).toArray();
    const profile = await db.profiles.get(owner);
    const clearProfile = profile && !profile.sealed ? profile : undefined;
    if (drafts.length === 0 && !clearProfile) return;
    const sealedDrafts = await Promise.all(drafts.map(async (d) => ({ before: d, sealed: await encryptJson(vault, await allAnswers(d, vault), rowAad.draft(d.owner, d.id)) })));
    const sealedProfile = clearProfile && await encryptJson(vault, clearProfile.values, rowAad.profile(owner));
    await db.transaction('rw', db.drafts, db.profiles, async () => {
      for (const { before, sealed } of sealedDrafts) {
        const latest = await db.drafts.get(before.id);
        if (latest && latest.updatedAt === before.updatedAt && latest.sealed?.iv === before.sealed?.iv) await db.drafts.put({ ...latest, answers: {}, sealed });
      }
      const latest = await db.profiles.get(owner);
      if (clearProfile && sealedProfile && latest && !latest.sealed && latest.updatedAt === clearProfile.updatedAt) {
        await db.profiles.put({ ...latest, values: {}, sealed: sealedProfile });
      }
    });
  }
  throw new Error(`sealOwnerData: rows of ${owner} kept changing; some are still in clear`);
}

/** Sealed answers with the clear ones written after them on top (the rule of draftAnswers). */
async function allAnswers(draft: DraftRow, vault: Vault): Promise<Answers> {
  if (!draft.sealed) return draft.answers;
  return { ...await decryptJson(vault, draft.sealed, rowAad.draft(draft.owner, draft.id)) as Answers, ...draft.answers };
}
