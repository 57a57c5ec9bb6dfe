import { afterEach, describe, expect, it, vi } from 'vitest';

type SessionSignal = typeof import('./session-signal');

/** A fresh copy of the module: it reads the lock flag once, when it loads. */
async function fresh(storage?: { getItem: (key: string) => string | null }): Promise<SessionSignal> {
  if (storage) vi.stubGlobal('localStorage', storage);
  vi.resetModules();
  return import('./session-signal');
}

afterEach(() => vi.unstubAllGlobals());

describe('session signal', () => {
  it('starts as the phone’s own citizen, unlocked, when no PIN flag is kept', async () => {
    const session = await fresh();
    expect(session.currentOwner()).toBe('self');
    expect(session.sessionView()).toMatchObject({ mode: 'citizen', locked: false, operatorName: null, residentName: null });
  });

  it('starts locked at first paint when the phone keeps the PIN flag, and unlocked when storage is blocked', async () => {
    const flagged = await fresh({ getItem: (key) => (key === 'xizmat.locked' ? '1' : null) });
    expect(flagged.sessionView().locked).toBe(true);
    const blocked = await fresh({ getItem: () => { throw new Error('SecurityError'); } });
    expect(blocked.sessionView().locked).toBe(false);
  });

  it('changes only what is set, tells every listener, and stops telling one that left', async () => {
    const session = await fresh();
    const heard: string[] = [];
    const stop = session.onSessionChange((view) => heard.push(`${view.mode}/${view.owner}`));
    session.setSessionView({ mode: 'operator', owner: 'resident:r1', residentName: 'Dilnoza' });
    expect(session.currentOwner()).toBe('resident:r1');
    expect(session.sessionView()).toMatchObject({ locked: false, residentName: 'Dilnoza' });
    stop();
    session.setSessionView({ owner: 'self' });
    expect(heard).toEqual(['operator/resident:r1']);
  });
});
