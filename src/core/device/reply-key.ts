import { REPLY_KEY_ALGORITHM, openReopen, publicMembers, type P256PublicJwk, type ReopenedAnswers, type SealedEnvelope } from '../../contract/index';
import type { SyncDb, SyncTables } from '../db/sync-db';

/** WARNING: persisted key of the row in db.keys; losing it makes returned applications' answers unreadable here. */
const REPLY_KEY_ID = 'reply';

/**
 * This phone's reply key (src/contract/reply-key.ts): an ECDH P-256 pair made once, its private
 * half non-extractable in db.keys, its public half carried by every application finalised here,
 * so what the server sends back about them opens only on this phone.
 */
export async function replyKey(db: SyncDb): Promise<{ privateKey: CryptoKey; publicKey: P256PublicJwk }> {
  const stored = await db.keys.get(REPLY_KEY_ID);
  if (stored?.publicKey) return { privateKey: stored.key, publicKey: stored.publicKey };
  // Made before the transaction: awaiting WebCrypto inside a Dexie transaction commits it early.
  const pair = await crypto.subtle.generateKey(REPLY_KEY_ALGORITHM, false, ['deriveBits']);
  const publicKey = publicMembers(await crypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return db.transaction('rw', ['keys'], async (tx) => {
    // The page and the service worker may both be making one: the first written wins for both.
    const winner = await tx.keys.get(REPLY_KEY_ID);
    if (winner?.publicKey) return { privateKey: winner.key, publicKey: winner.publicKey };
    await tx.keys.put({ id: REPLY_KEY_ID, key: pair.privateKey, publicKey, createdAt: new Date().toISOString() });
    return { privateKey: pair.privateKey, publicKey };
  });
}

/** Opens answers the server sealed to this phone for application `id`; null when they are not for this phone's key. */
export async function openReply(db: Pick<SyncTables, 'keys'>, envelope: SealedEnvelope, id: string): Promise<ReopenedAnswers | null> {
  const stored = await db.keys.get(REPLY_KEY_ID);
  return stored ? openReopen(envelope, stored.key, id) : null;
}
