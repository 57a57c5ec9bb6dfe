import type { CitizenProfile, P256PublicJwk } from '../../src/contract/index';

/** A sign-in between the redirect to the identity provider and its return (routes/identity-routes.ts). */
export interface PendingSignIn {
  stateHash: string;
  browserHash: string;
  deviceHash: string;
  keyId: string;
  publicKey: P256PublicJwk;
  replyKey: P256PublicJwk;
  carry: string;
  createdAt: string;
  expiresAt: string;
}

/** The key one sign-in bound to one phone. */
export interface CitizenKeyRecord {
  keyId: string;
  citizenId: string;
  deviceHash: string;
  publicKey: P256PublicJwk;
  replyKey: P256PublicJwk | null;
  provider: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CitizenRecord extends CitizenProfile {
  id: string;
  passport: string | null;
  updatedAt: string;
}

/** Why a provider's return cannot finish a sign-in. */
export type TakeSignIn = { kind: 'taken'; signIn: PendingSignIn } | { kind: 'unknown' | 'used' | 'expired' };

/**
 * Citizens, their keys and their sign-ins under way (migration 8), on either engine. A key is live
 * while it is not revoked and its phone is not revoked by an admin; every instance reads the same
 * rows, so a sign-out anywhere ends the key everywhere at once.
 */
export interface CitizenStorage {
  startSignIn(signIn: PendingSignIn): Promise<void>;
  /** Marks the sign-in used, once: a second return with the same state finds it used. */
  takeSignIn(stateHash: string, at: string): Promise<TakeSignIn>;
  /** The citizen with this PINFL, created or updated to what the provider said now. */
  keepCitizen(identity: CitizenProfile & { passport: string | null }, at: string): Promise<CitizenRecord>;
  findCitizen(id: string): Promise<CitizenRecord | null>;
  /** Binds the sign-in's key; false when that key id is stored already (a key is made afresh for each sign-in). */
  addKey(key: Omit<CitizenKeyRecord, 'revokedAt'>): Promise<boolean>;
  /** The key and whether it is live; null when no such key was ever bound. */
  findKey(keyId: string): Promise<{ key: CitizenKeyRecord; live: boolean } | null>;
  /** The citizen's live keys, oldest first. */
  liveKeys(citizenId: string): Promise<CitizenKeyRecord[]>;
  /** Ends a key (sign-out, or revoked from another phone of the same citizen); false when it was not live. */
  revokeKey(keyId: string, at: string): Promise<boolean>;
  /** Forgets sign-ins that ended before `before`; the number forgotten. */
  forgetSignIns(before: string): Promise<number>;
}
