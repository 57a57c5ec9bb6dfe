import { gzipSync } from 'node:zlib';
import type { SealKey } from '../../src/contract/index';
import { SealLater } from './json-mutation';
import { jsonText, RawJson } from './json-text';
import { ProofLater, signProofs, type ProofSigners } from './proof-later';
import { sealText } from './seal-text';

/** A body as planned by an arbitrary: JSON (sealed parts still to seal), form fields, or bytes as they are. */
export type BodyPlan =
  | { kind: 'json'; value: unknown; gzip?: boolean }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'bytes'; bytes: Uint8Array; gzip?: boolean };

/** What a planned body is sealed and signed with. */
export interface BodyKeys {
  server: SealKey;
  /** A key pair the server never held: its envelopes are refused as seal_key_unknown. */
  unknown: SealKey;
  /** The operator's delegation keys, for the proofs of on-behalf items. */
  signers: ProofSigners;
}

/** The bytes of a planned body, its sealed parts sealed, then its proofs made over what travels. */
export async function bodyBytes(plan: BodyPlan, keys: BodyKeys): Promise<Uint8Array> {
  if (plan.kind === 'form') return Buffer.from(new URLSearchParams(plan.fields).toString());
  const bytes = plan.kind === 'bytes' ? plan.bytes : Buffer.from(jsonText(await signProofs(await sealed(plan.value, keys), keys.signers)));
  return plan.gzip ? gzipSync(bytes) : bytes;
}

/** A public key of a fresh P-256 pair, under a keyId the server does not know. */
export async function unknownSealKey(): Promise<SealKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { keyId: 'fuzz-key-the-server-never-held', publicKey: { kty, crv, x, y } };
}

async function sealed(value: unknown, keys: BodyKeys): Promise<unknown> {
  if (value instanceof SealLater) {
    const text = jsonText(await sealed(value.inner, keys));
    switch (value.how) {
      case 'to the server key': return sealText(text, keys.server, value.id);
      case 'to a key the server does not hold': return sealText(text, keys.unknown, value.id);
      case 'under another id': return sealText(text, keys.server, `${value.id}0`);
      case 'then changed on the way': {
        const envelope = await sealText(text, keys.server, value.id);
        return { ...envelope, ct: `${envelope.ct.slice(0, -2)}${envelope.ct.endsWith('AA') ? 'BB' : 'AA'}` };
      }
    }
  }
  if (value instanceof RawJson || value instanceof ProofLater || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => sealed(v, keys)));
  return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await sealed(v, keys)])));
}
