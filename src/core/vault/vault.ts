/**
 * An unlocked owner (docs/security.md, "On the phone"): the data key that reads and writes that owner's drafts and profile,
 * and, for an operator, the residents' too. It lives only in memory while unlocked; the key is
 * non-extractable, so script can use it but never read its bytes. Drop it to lock.
 */
export interface Vault {
  /** The owner whose lock opened it: 'self' or 'operator:<id>'. */
  owner: string;
  key: CryptoKey;
}
