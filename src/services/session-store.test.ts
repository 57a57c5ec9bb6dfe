import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TokenPair } from '../contract/index';
import { operatorOwner, residentOwner } from '../core/db/records';
import { db } from './app-db';
import { sessionView } from './session-signal';
import { addResident, chooseResident, choosePin, lock, signIn, unlock } from './session-store';

const PIN = '246810';
const OPERATOR = { id: '0190f3c2-7b1a-7c3e-9d2f-1a2b3c4d5e6f', username: 'dilfuza.m', displayName: 'Dilfuza Mahmudova' };

beforeAll(async () => {
  // The session store runs in a page: its timers and listeners are stubbed, its sign-in answered here.
  const stored = new Map<string, string>();
  vi.stubGlobal('window', { setInterval: () => 0, setTimeout: () => 0, addEventListener: () => undefined });
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v), removeItem: (k: string) => stored.delete(k) });
  const tokens: TokenPair = {
    accessToken: 'a', accessExpiresAt: '2026-12-01T10:15:00.000Z', refreshToken: 'r', refreshExpiresAt: '2027-01-30T10:00:00.000Z', operator: OPERATOR as TokenPair['operator'],
  };
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(tokens), { status: 200, headers: { 'content-type': 'application/json' } }));
  await Promise.all(db.tables.map((table) => table.clear()));
});
afterAll(() => vi.unstubAllGlobals());

describe('an operator\'s session on a shared phone', () => {
  it('is back with the same resident after lock and unlock', async () => {
    expect((await signIn('dilfuza.m', 'secret')).ok).toBe(true);
    expect(await choosePin(PIN)).toBe(true);
    const resident = (await addResident('Nodira Qudratova'))!;
    await chooseResident(resident.id);
    expect(sessionView()).toMatchObject({ owner: residentOwner(resident.id), residentName: 'Nodira Qudratova' });

    lock();
    // Locked, nothing of the resident shows, not even the name.
    expect(sessionView()).toMatchObject({ locked: true, owner: operatorOwner(OPERATOR.id), residentName: null });
    expect(await unlock(PIN)).toEqual({ ok: true });
    expect(sessionView()).toMatchObject({ locked: false, owner: residentOwner(resident.id), residentName: 'Nodira Qudratova' });
  });

  it('stays with nobody chosen when nobody was chosen at the lock', async () => {
    await chooseResident(null);
    lock();
    expect(await unlock(PIN)).toEqual({ ok: true });
    expect(sessionView()).toMatchObject({ locked: false, owner: operatorOwner(OPERATOR.id), residentName: null });
  });
});
