/**
 * What the server sends back to a phone is sealed to a key only that phone holds (see
 * docs/security.md, "What comes back to the phone"). Each phone makes a non-extractable ECDH P-256
 * key pair once, and every application it finalises carries the public half (`replyKey`, inside
 * the sealed envelope, so nobody on the way can swap it). A returned application's answers
 * (statuses) and a sealed item's answers the server refused (422 validation_failed) go back sealed
 * to that key, with the application id as additional data: whoever holds the device key or the
 * envelope, but not the phone's private key, reads nothing.
 */
import type { Answers } from './form-definition';
import { jwkThumbprint, type P256PublicJwk } from './p256-key';
import { isSealedEnvelope, openSealed, sealJson, type SealedEnvelope, type WebCryptoKey } from './sealed-payload';

/** Key generation parameters of a phone's reply key. */
export const REPLY_KEY_ALGORITHM = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** What a reopen envelope holds: the answers as the server stored them. */
export interface ReopenedAnswers {
  answers: Answers;
  raw?: Record<string, string>;
}

/**
 * A returned or refused application's answers, sealed to the reply key the application carried: in
 * a status change ("returned"), or in a 422 validation_failed of a sealed item. Absent when the
 * application carried none (finalised by an older app): then no answers come back at all.
 */
export interface SealedReopen {
  formVersion: number;
  /** In a 422 only: the revision that was refused. */
  revision?: number;
  sealed: SealedEnvelope;
}

export function isSealedReopen(value: unknown): value is SealedReopen {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<SealedReopen>;
  return Number.isInteger(r.formVersion) && (r.revision === undefined || Number.isInteger(r.revision)) && isSealedEnvelope(r.sealed);
}

/** Seals answers for application `id` to a phone's reply key (server side); the key's thumbprint names it. */
export async function sealReopen(value: ReopenedAnswers, replyKey: P256PublicJwk, id: string): Promise<SealedEnvelope> {
  return sealJson(value, { keyId: await jwkThumbprint(replyKey), publicKey: replyKey }, id);
}

/** Opens what sealReopen made with the phone's reply private key; null when it does not open or is not answers. */
export async function openReopen(envelope: SealedEnvelope, privateKey: WebCryptoKey, id: string): Promise<ReopenedAnswers | null> {
  try {
    const opened = (await openSealed(envelope, privateKey, id)) as Partial<ReopenedAnswers> | null;
    if (typeof opened !== 'object' || opened === null || typeof opened.answers !== 'object' || opened.answers === null) return null;
    return { answers: opened.answers, ...(opened.raw ? { raw: opened.raw } : {}) };
  } catch {
    return null;
  }
}
