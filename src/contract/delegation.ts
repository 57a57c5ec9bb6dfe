/**
 * The operator's proof on an on-behalf application (see docs/security.md, "Who vouches for an
 * on-behalf application"). At sign-in the phone makes an ECDSA P-256 key pair and sends the public
 * half; the server keeps it with that sign-in. Every on-behalf item then carries a signature by
 * that key over its id, its operator and the digest of the item as sent, so it still proves who
 * stands behind it after days offline or a trip through another phone, and cannot be moved to
 * another item. The key dies with its sign-in: sign-out, an admin's revoke, a disabled operator.
 * The same code signs on the phone and verifies on the server.
 */
import { canonicalJson } from './canonical-json';
import { fromBase64Url, toBase64Url } from './sealed-payload';
import { THUMBPRINT, type P256PublicJwk } from './p256-key';
import { sha256HexOf, utf8Bytes, webPlatform, type CryptoKeyRef } from './web-crypto';

/** Key generation parameters of a delegation key. */
export const DELEGATION_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** The first line of every signed message. WARNING: part of the signed format; a new layout takes a new version. */
export const DELEGATION_CONTEXT = 'xizmat delegation-v1';
/** A P-256 signature as WebCrypto makes it (r and s, 32 bytes each), in base64url. */
export const DELEGATION_SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
/** An operator id as a proof may name it. */
export const DELEGATION_OPERATOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Travels beside an on-behalf item (beside its sealed envelope when sealed). */
export interface DelegationProof {
  /** The operator the signing phone was signed in as; the item's onBehalf must name the same one. */
  operatorId: string;
  /** The RFC 7638 thumbprint of the delegation key sent at sign-in. */
  keyId: string;
  /** base64url ECDSA P-256 SHA-256 signature over the message of delegationMessage. */
  signature: string;
}

export function isDelegationProof(value: unknown): value is DelegationProof {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const p = value as Partial<Record<keyof DelegationProof, unknown>>;
  return typeof p.operatorId === 'string' && DELEGATION_OPERATOR_ID.test(p.operatorId) && typeof p.keyId === 'string' && THUMBPRINT.test(p.keyId) &&
    typeof p.signature === 'string' && DELEGATION_SIGNATURE.test(p.signature);
}

/**
 * Hex SHA-256 of an item as it travels, without its proof: the readable application, or the
 * id and sealed envelope of a sealed one (whose envelope is bound to its id in turn). Canonical
 * JSON, so the phone that signs and the server that checks get the same text.
 */
export function delegationDigest(wireItem: object): Promise<string> {
  // Without either proof: an item carries the operator's or the citizen's (citizen.ts), over the same text.
  const { delegation: _proof, citizen: _citizen, ...rest } = wireItem as { delegation?: unknown; citizen?: unknown };
  return sha256HexOf(canonicalJson(rest));
}

function delegationMessage(id: string, operatorId: string, digest: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`${DELEGATION_CONTEXT}\n${id}\n${operatorId}\n${digest}`);
}

/** The proof for the item `id` whose wire digest is `digest`, signed with the delegation private key. */
export async function signDelegation(
  privateKey: CryptoKeyRef, who: { operatorId: string; keyId: string }, id: string, digest: string,
): Promise<DelegationProof> {
  const signature = await webPlatform.crypto.subtle.sign(SIGNATURE_ALGORITHM, privateKey, delegationMessage(id, who.operatorId, digest));
  return { operatorId: who.operatorId, keyId: who.keyId, signature: toBase64Url(new Uint8Array(signature)) };
}

/** True when `proof` was made by the private half of `publicKey` for this id and digest. */
export async function verifyDelegation(proof: DelegationProof, id: string, digest: string, publicKey: P256PublicJwk): Promise<boolean> {
  try {
    const key = await webPlatform.crypto.subtle.importKey('jwk', { ...publicKey }, DELEGATION_KEY_ALGORITHM, false, ['verify']);
    return await webPlatform.crypto.subtle.verify(SIGNATURE_ALGORITHM, key, fromBase64Url(proof.signature), delegationMessage(id, proof.operatorId, digest));
  } catch {
    // A point not on the curve, or bytes that are not a signature: not a proof.
    return false;
  }
}
