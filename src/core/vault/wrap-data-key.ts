import { toBase64Url } from '../../contract/index';
import type { LockRow } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { encryptBytes } from './aes-gcm';
import { deviceWrappingKey } from './device-wrapping-key';
import { PIN_SALT_BYTES, pinKey } from './pin-key';
import { rowAad } from './row-aad';

/**
 * The key material of a lock: the data key's bytes under the PIN key (fresh salt), that again under
 * the device key. Both layers are needed: the PIN alone (10^6 choices) falls to an offline search
 * of a copied database, and the device key alone would open it without the PIN.
 */
export async function wrapDataKey(
  db: XizmatDb, owner: string, raw: Uint8Array<ArrayBuffer>, pin: string, iterations: number,
): Promise<Pick<LockRow, 'salt' | 'iterations' | 'wrapped'>> {
  const salt = crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));
  const aad = rowAad.lock(owner);
  const underPin = await encryptBytes(await pinKey(pin, salt, iterations), raw, aad);
  const wrapped = await encryptBytes(await deviceWrappingKey(db), new TextEncoder().encode(JSON.stringify(underPin)), aad);
  return { salt: toBase64Url(salt), iterations, wrapped };
}
