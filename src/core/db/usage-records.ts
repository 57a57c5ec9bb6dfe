/** How often and how lately one person opened a service: "recently used" and "most used". */
export interface UsageRow {
  /** Whose use it is (OWNER_SELF on a citizen's own phone): one resident never sees another's. */
  owner: string;
  serviceId: string;
  count: number;
  /** ISO time of the last opening. */
  lastUsedAt: string;
}
