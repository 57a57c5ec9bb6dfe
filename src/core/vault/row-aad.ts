/**
 * The additional data that binds a ciphertext to its row: a draft's answers open only as that
 * draft of that owner, a profile only as that owner's, so rows cannot be swapped or moved.
 * WARNING: part of the stored format; changing it makes every sealed row unreadable.
 */
export const rowAad = {
  draft: (owner: string, id: string) => `xizmat draft ${owner} ${id}`,
  profile: (owner: string) => `xizmat profile ${owner}`,
  lock: (owner: string) => `xizmat lock ${owner}`,
  /** An operator's private delegation key (OperatorRow.delegation). */
  delegation: (operatorId: string) => `xizmat delegation ${operatorId}`,
} as const;
