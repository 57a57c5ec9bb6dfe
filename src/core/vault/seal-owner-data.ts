import type { XizmatDb } from '../db/xizmat-db';
import { draftAnswers } from '../drafts/draft-answers';
import { encryptJson } from './encrypt-json';
import { rowAad } from './row-aad';
import type { Vault } from './vault';

/** Rounds of sealing before giving up on rows that keep changing underneath (one is the norm). */
const MAX_ROUNDS = 5;

/**
 * Encrypts what an owner has in clear or sealed only to this phone: drafts and profile kept
 * before choosing a PIN, a returned application's answers as the server sent them (sealed to the
 * phone's reply key, which opens without the PIN), answers keyless code wrote beside a sealed
 * draft (a photo's reference). Encryption runs outside the transaction (WebCrypto inside a Dexie
 * transaction ends it); a row changed meanwhile is taken again in the next round.
 */
export async function sealOwnerData(db: XizmatDb, vault: Vault, owner = vault.owner): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const drafts = await db.drafts.where('owner').equals(owner).filter((d) => !d.sealed || Object.keys(d.answers).length > 0 || d.reopened !== undefined).toArray();
    const profile = await db.profiles.get(owner);
    const clearProfile = profile && !profile.sealed ? profile : undefined;
    if (drafts.length === 0 && !clearProfile) return;
    const sealedDrafts = await Promise.all(drafts.map(async (d) => ({ before: d, sealed: await encryptJson(vault, await draftAnswers(db, d, vault), rowAad.draft(d.owner, d.id)) })));
    const sealedProfile = clearProfile && await encryptJson(vault, clearProfile.values, rowAad.profile(owner));
    await db.transaction('rw', db.drafts, db.profiles, async () => {
      for (const { before, sealed } of sealedDrafts) {
        const latest = await db.drafts.get(before.id);
        if (latest && latest.updatedAt === before.updatedAt && latest.sealed?.iv === before.sealed?.iv) {
          const { reopened: _folded, ...rest } = latest;
          await db.drafts.put({ ...rest, answers: {}, sealed });
        }
      }
      const latest = await db.profiles.get(owner);
      if (clearProfile && sealedProfile && latest && !latest.sealed && latest.updatedAt === clearProfile.updatedAt) {
        await db.profiles.put({ ...latest, values: {}, sealed: sealedProfile });
      }
    });
  }
  throw new Error(`sealOwnerData: rows of ${owner} kept changing; some are still in clear`);
}
