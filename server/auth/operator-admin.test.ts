import { describe, expect, it } from 'vitest';
import { runAdmin } from '../admin';
import { SqliteStorage } from '../storage/sqlite-storage';
import { verifyPassword } from './password-hash';

const NOW = new Date('2026-11-30T10:00:00.000Z');

async function run(storage: SqliteStorage, password: string, ...argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runAdmin(argv, storage, (line) => out.push(line), { password: async () => password, now: () => NOW });
  return { code, out };
}

describe('the admin command for operators and phones', () => {
  it('adds, lists and disables operators, with the password hashed', async () => {
    const storage = new SqliteStorage(':memory:');
    expect(await run(storage, 'correct horse battery', 'operator-add', 'dilnoza.k', '--name', 'Dilnoza Karimova'))
      .toEqual({ code: 0, out: ['Operator dilnoza.k (Dilnoza Karimova) added.'] });
    const stored = await storage.operators.findOperatorByUsername('dilnoza.k');
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse battery', stored!.passwordHash)).toBe(true);
    expect((await run(storage, 'correct horse battery', 'operator-add', 'dilnoza.k', '--name', 'Again')).code).toBe(1);
    expect((await run(storage, 'short', 'operator-add', 'aziz', '--name', 'Aziz')).out).toEqual(['The password must be 10 to 200 characters.']);
    expect((await run(storage, 'correct horse battery', 'operator-add', 'Bad Name', '--name', 'X')).code).toBe(1);
    expect((await run(storage, 'correct horse battery', 'operator-add', 'aziz')).code).toBe(1);
    expect((await run(storage, '', 'operator-list')).out).toEqual([expect.stringMatching(/^dilnoza\.k\tDilnoza Karimova\tactive\t/)]);
    expect(await run(storage, '', 'operator-disable', 'dilnoza.k')).toEqual({ code: 0, out: ['Operator dilnoza.k is disabled; its sign-ins are revoked.'] });
    expect((await run(storage, '', 'operator-list')).out[0]).toContain(`disabled ${NOW.toISOString()}`);
    expect((await run(storage, '', 'operator-disable', 'nobody')).code).toBe(1);
    await storage.close();
  });

  it('lists phones and revokes one by its hash prefix or all of an operator\'s', async () => {
    const storage = new SqliteStorage(':memory:');
    await run(storage, 'correct horse battery', 'operator-add', 'aziz', '--name', 'Aziz');
    const aziz = (await storage.operators.findOperatorByUsername('aziz'))!;
    const [a1, a2, b] = ['abcdef01'.repeat(8), `abcdef01${'abcdef02'.repeat(7)}`, '12345678'.repeat(8)];
    for (const hash of [a1, a2, b]) await storage.operators.bindDevice(hash, aziz.id, NOW.toISOString());
    expect(await run(storage, '', 'devices')).toMatchObject({ code: 0, out: expect.arrayContaining([`${b}\taziz\tactive\tbound ${NOW.toISOString()}`]) });
    expect(await run(storage, '', 'device-revoke', 'abcdef0')).toEqual({ code: 1, out: ['"abcdef0" is neither an operator nor a device hash prefix of at least 8 hex characters.'] });
    expect(await run(storage, '', 'device-revoke', 'abcdef01ab')).toEqual({ code: 1, out: ['"abcdef01ab" names 2 phones; give more of the hash.'] });
    expect(await run(storage, '', 'device-revoke', 'abcdef01abcdef01')).toEqual({ code: 0, out: [`Revoked ${a1}.`] });
    expect(await storage.operators.isDeviceRevoked(a1)).toBe(true);
    expect((await run(storage, '', 'device-revoke', 'aziz')).out.sort()).toEqual([`Revoked ${a2}.`, `Revoked ${b}.`].sort());
    expect((await run(storage, '', 'device-revoke', 'aziz')).code).toBe(1);
    await storage.close();
  });
});
