import { createHash, randomBytes, webcrypto } from 'node:crypto';
import type { JsonWebKey as ContractJwk, SealKey, WebCryptoKey } from '../../src/contract/index';
import type { OperatorStorage, ServerKeyRecord } from '../storage/operator-storage';

type JsonWebKey = webcrypto.JsonWebKey;

/** Shortest XIZMAT_TOKEN_SECRET taken: 32 characters of a random string carry well over 128 bits. */
const MIN_TOKEN_SECRET_CHARS = 32;
const TOKEN_SECRET_BYTES = 32;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** The server's keys: the one phones seal to now, every one it can open with, and the access tokens' secret. */
export interface ServerKeys {
  sealKey: SealKey;
  /** The private key for an envelope's keyId, or null when this server never held it. */
  openingKey(keyId: string): Promise<WebCryptoKey | null>;
  tokenSecret: Buffer;
}

export interface ServerKeySettings {
  /** XIZMAT_SEAL_KEY: a private ECDH P-256 JWK to seal to, instead of the one kept in the database. */
  sealKeyJwk?: string | null;
  /** XIZMAT_TOKEN_SECRET: the access tokens' HMAC secret, instead of the one kept in the database. */
  tokenSecret?: string | null;
}

/**
 * Loads (on first start: makes and stores) the server's keys. Every instance on one PostgreSQL gets
 * the same ones: the first to start stores its candidate under a lock, the others take that.
 */
export async function loadServerKeys(operators: OperatorStorage, settings: ServerKeySettings, now: () => Date): Promise<ServerKeys> {
  const envKey = settings.sealKeyJwk ? parsePrivateJwk(settings.sealKeyJwk) : null;
  const stored = envKey ? null : await operators.ensureServerKey(await newSealKey(now()));
  const current = envKey ?? (JSON.parse(stored!.privateJwk) as JsonWebKey);
  const publicKey = publicPart(current);
  const sealKey: SealKey = { keyId: thumbprint(publicKey), publicKey: publicKey as ContractJwk };

  const opening = new Map<string, WebCryptoKey>([[sealKey.keyId, await importPrivate(current)]]);
  const load = async () => {
    for (const record of await operators.serverKeys('seal')) {
      if (!opening.has(record.keyId)) opening.set(record.keyId, await importPrivate(JSON.parse(record.privateJwk) as JsonWebKey));
    }
  };
  await load();
  return {
    sealKey,
    openingKey: async (keyId) => {
      // A key another instance stored after this one started (a rotation): look once more.
      if (!opening.has(keyId)) await load();
      return opening.get(keyId) ?? null;
    },
    tokenSecret: await tokenSecret(operators, settings.tokenSecret ?? null, now),
  };
}

async function tokenSecret(operators: OperatorStorage, fromEnv: string | null, now: () => Date): Promise<Buffer> {
  if (fromEnv !== null) {
    if (fromEnv.length < MIN_TOKEN_SECRET_CHARS) throw new Error(`XIZMAT_TOKEN_SECRET must be at least ${MIN_TOKEN_SECRET_CHARS} characters.`);
    return Buffer.from(fromEnv, 'utf8');
  }
  const candidate: ServerKeyRecord = {
    keyId: `token-${randomBytes(8).toString('hex')}`, kind: 'token', publicJwk: null, createdAt: now().toISOString(),
    privateJwk: JSON.stringify({ kty: 'oct', k: randomBytes(TOKEN_SECRET_BYTES).toString('base64url') }),
  };
  const stored = await operators.ensureServerKey(candidate);
  return Buffer.from((JSON.parse(stored.privateJwk) as { k: string }).k, 'base64url');
}

async function newSealKey(at: Date): Promise<ServerKeyRecord> {
  const pair = await webcrypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const privateJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk = publicPart(privateJwk);
  return { keyId: thumbprint(publicJwk), kind: 'seal', privateJwk: JSON.stringify(privateJwk), publicJwk: JSON.stringify(publicJwk), createdAt: at.toISOString() };
}

function parsePrivateJwk(text: string): JsonWebKey {
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(text) as JsonWebKey;
  } catch {
    throw new Error('XIZMAT_SEAL_KEY must be a private JWK (JSON).');
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) throw new Error('XIZMAT_SEAL_KEY must be a private ECDH P-256 JWK (kty EC, crv P-256, d, x, y).');
  return jwk;
}

function publicPart(jwk: JsonWebKey): JsonWebKey {
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}

function importPrivate(jwk: JsonWebKey): Promise<WebCryptoKey> {
  return webcrypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, ECDH, false, ['deriveBits']);
}

/** The key's RFC 7638 thumbprint (SHA-256, base64url): a keyId that names exactly this key. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(`{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`).digest('base64url');
}
