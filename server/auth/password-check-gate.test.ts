import { describe, expect, it } from 'vitest';
import { passwordCheckGate, PasswordChecksBusy } from './password-check-gate';

/** A check that ends when the test says so. */
function heldCheck() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  let started = false;
  return { run: async () => { started = true; await done; return 'checked'; }, finish, started: () => started };
}

describe('passwordCheckGate', () => {
  it('runs as many checks as allowed, queues the next ones, and refuses the rest at once', async () => {
    const gate = passwordCheckGate({ concurrent: 1, queued: 1 });
    const [first, second, third] = [heldCheck(), heldCheck(), heldCheck()];
    const running = gate.run(first.run);
    const queued = gate.run(second.run);
    await expect(gate.run(third.run)).rejects.toBeInstanceOf(PasswordChecksBusy);
    expect([first.started(), second.started(), third.started()]).toEqual([true, false, false]);
    first.finish();
    await expect(running).resolves.toBe('checked');
    await Promise.resolve();
    expect(second.started()).toBe(true);
    second.finish();
    await expect(queued).resolves.toBe('checked');
  });

  it('frees the slot of a check that fails', async () => {
    const gate = passwordCheckGate({ concurrent: 1, queued: 0 });
    await expect(gate.run(async () => { throw new Error('scrypt failed'); })).rejects.toThrow('scrypt failed');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
