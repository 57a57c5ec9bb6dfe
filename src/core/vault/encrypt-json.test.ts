import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../contract/index';
import { decryptJson } from './decrypt-json';
import { encryptJson } from './encrypt-json';
import type { Vault } from './vault';

async function vault(owner = 'self'): Promise<Vault> {
  return { owner, key: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) };
}

describe('encryptJson and decryptJson', () => {
  it('give the value back with the same additional data', async () => {
    const v = await vault();
    const value = { pinfl: '31507900010013', children: [{ name: 'Aziza' }] };
    expect(await decryptJson(v, await encryptJson(v, value, 'draft 1'), 'draft 1')).toEqual(value);
  });

  it('refuse other additional data, another key and a changed byte', async () => {
    const v = await vault();
    const sealed = await encryptJson(v, { name: 'Karimova' }, 'draft 1');
    await expect(decryptJson(v, sealed, 'draft 2')).rejects.toMatchObject({ reason: 'tampered' });
    await expect(decryptJson(await vault(), sealed, 'draft 1')).rejects.toMatchObject({ reason: 'tampered' });
    const ct = fromBase64Url(sealed.ct);
    ct[0] = ct[0]! ^ 1;
    await expect(decryptJson(v, { ...sealed, ct: toBase64Url(ct) }, 'draft 1')).rejects.toMatchObject({ reason: 'tampered' });
  });

  it('use a fresh IV each time', async () => {
    const v = await vault();
    const [a, b] = await Promise.all([encryptJson(v, 1, 'x'), encryptJson(v, 1, 'x')]);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });
});
