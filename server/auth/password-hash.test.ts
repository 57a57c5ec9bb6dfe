import { describe, expect, it } from 'vitest';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password-hash';

describe('password hashes', () => {
  it('are scrypt with N = 2^15, r = 8, p = 1 and a fresh salt, and verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('correct horse battery', UNKNOWN_USER_HASH)).toBe(false);
  });

  it('verifies a hash made with other stored parameters, and refuses one it cannot read', async () => {
    const hash = await hashPassword('ünïcode pässword');
    expect(await verifyPassword('ünïcode pässword'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false);
    expect(await verifyPassword('x', hash.replace('scrypt$15$', 'scrypt$14$'))).toBe(false);
  });
});
