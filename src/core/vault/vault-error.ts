/**
 * Why a vault operation refused. Programming and state errors, not user input: the UI checks for
 * a lock and unlocks first; wrong PINs come back from unlockVault as values.
 * locked: the row is encrypted and no vault was passed. tampered: a ciphertext does not open with
 * this key and additional data (changed, moved to another row, or another owner's).
 * lock_exists: createLock would replace a lock without being asked. lock_changed: changePin found
 * the lock changed or wiped by someone else meanwhile. not_a_pin: not PIN_DIGITS digits.
 */
export class VaultError extends Error {
  constructor(readonly reason: 'locked' | 'tampered' | 'lock_exists' | 'lock_changed' | 'not_a_pin', detail = '') {
    super(`vault: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'VaultError';
  }
}
