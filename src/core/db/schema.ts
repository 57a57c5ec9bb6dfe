// The schema as data, without Dexie: the service worker reads it to check the database it opens
// (src/core/db/open-sync-db.ts) and must not bundle Dexie to do so. Dexie (xizmat-db.ts) owns it.

/**
 * WARNING: persistence name. Renaming it starts every phone on an empty database and strands
 * queued applications in the old one.
 */
export const DB_NAME = 'xizmat';

/** The schema of each version; versions only go up, and each has a migration test. */
export const SCHEMA = {
  1: {
    catalogue: 'id, category',
    forms: '[serviceId+version]',
    drafts: 'id, serviceId, updatedAt',
    outbox: 'id, state, nextAttemptAt',
    meta: 'key',
  },
  2: {
    catalogue: 'id, category',
    forms: '[serviceId+version]',
    drafts: 'id, owner, serviceId, updatedAt',
    outbox: 'id, owner, state, nextAttemptAt',
    refs: 'id',
    meta: 'key',
  },
  3: {
    catalogue: 'id, category',
    forms: '[serviceId+version]',
    drafts: 'id, owner, serviceId, updatedAt',
    outbox: 'id, owner, state, nextAttemptAt',
    refs: 'id',
    meta: 'key',
    // WARNING: persistence name (the catalogue's recent and most used): renaming it forgets everyone's recently and most used services.
    usage: '[owner+serviceId], owner',
    // Photos waiting for upload, resumable (docs/reliability.md), keyed by their SHA-256.
    blobs: 'sha256',
  },
  4: {
    catalogue: 'id, category',
    forms: '[serviceId+version]',
    drafts: 'id, owner, serviceId, updatedAt',
    outbox: 'id, owner, state, nextAttemptAt',
    refs: 'id',
    meta: 'key',
    usage: '[owner+serviceId], owner',
    blobs: 'sha256',
    // WARNING: persistence name (statuses): what the server last said about each application.
    statuses: 'id, owner',
    // WARNING: persistence name (profiles): the person's own details that prefill forms, one row per owner.
    profiles: 'owner',
  },
  5: {
    catalogue: 'id, category',
    forms: '[serviceId+version]',
    drafts: 'id, owner, serviceId, updatedAt',
    outbox: 'id, owner, state, nextAttemptAt',
    refs: 'id',
    meta: 'key',
    usage: '[owner+serviceId], owner',
    blobs: 'sha256',
    statuses: 'id, owner',
    profiles: 'owner',
    // WARNING: persistence names (the shared phone: docs/security.md). keys: this phone's non-extractable wrapping key;
    // locks: one per protected owner (PIN-derived key wrapping that owner's data key);
    // operators: who signed in on this phone; residents: the people an operator applies for.
    keys: 'id',
    locks: 'owner',
    operators: 'id',
    residents: 'id, operator',
  },
} as const;

/**
 * The newest schema version: what this build's page upgrades the database to. A literal, so that
 * the service worker does not carry SCHEMA; xizmat-db.test.ts checks it is SCHEMA's last and Dexie's.
 */
export const SCHEMA_VERSION = 5;

/**
 * The IndexedDB version Dexie gives schema version `version`: it stores version n as 10 n (a test
 * in xizmat-db.test.ts holds it to that), and may go higher on its own, never lower.
 */
export function indexedDbVersion(version: number): number {
  return Math.round(version * 10);
}
