import { sealBytes, toBase64Url, type SealedEnvelope, type SealKey } from '../../src/contract/index';

/** The bytes sealBytes puts before its ciphertext: version, keyId length, keyId, P-256 point, IV. */
const POINT_BYTES = 65;
const COORDINATE_BYTES = 32;
const IV_BYTES = 12;

/**
 * A sealed envelope (as phones send in a batch) around any JSON text, deep nesting included, which
 * sealJson cannot take because it writes its value with JSON.stringify. sealBytes derives and
 * encrypts exactly as sealJson does, with the id as additional data; only the layout differs, so
 * its one-time point, IV and ciphertext are moved into the envelope's fields.
 */
export async function sealText(text: string, key: SealKey, id: string): Promise<SealedEnvelope> {
  const sealed = await sealBytes(new TextEncoder().encode(text), key, id);
  const point = 2 + sealed[1]!;
  const iv = point + POINT_BYTES;
  return {
    v: 1,
    keyId: key.keyId,
    epk: {
      kty: 'EC', crv: 'P-256',
      x: toBase64Url(sealed.subarray(point + 1, point + 1 + COORDINATE_BYTES)),
      y: toBase64Url(sealed.subarray(point + 1 + COORDINATE_BYTES, iv)),
    },
    iv: toBase64Url(sealed.subarray(iv, iv + IV_BYTES)),
    ct: toBase64Url(sealed.subarray(iv + IV_BYTES)),
  };
}
