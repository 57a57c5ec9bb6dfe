import { Dexie, type Table } from 'dexie';
import { OWNER_SELF, type BlobRow, type KeyRow, type LockRow, type OperatorRow, type ResidentRow, type ProfileRow, type StatusRow, type CatalogueRow, type DraftRow, type FormRow, type MetaRow, type OutboxRow, type RefRow } from './records';
import type { UsageRow } from './usage-records';
import { DB_NAME, SCHEMA } from './schema';

export { DB_NAME, SCHEMA };

export class XizmatDb extends Dexie {
  catalogue!: Table<CatalogueRow, string>;
  forms!: Table<FormRow, [string, number]>;
  drafts!: Table<DraftRow, string>;
  outbox!: Table<OutboxRow, string>;
  refs!: Table<RefRow, string>;
  blobs!: Table<BlobRow, string>;
  meta!: Table<MetaRow, string>;
  usage!: Table<UsageRow, [string, string]>;
  statuses!: Table<StatusRow, string>;
  profiles!: Table<ProfileRow, string>;
  keys!: Table<KeyRow, string>;
  locks!: Table<LockRow, string>;
  operators!: Table<OperatorRow, string>;
  residents!: Table<ResidentRow, string>;

  constructor(options?: ConstructorParameters<typeof Dexie>[1]) {
    // Strict: the browser flushes every write to disk before it resolves. Chromium's default
    // became relaxed in v121, which can lose a "saved" outbox write on power loss.
    super(DB_NAME, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores(SCHEMA[1]);
    // v2: every draft and outbox item carries its owner (docs/security.md, "On the
    // phone"); rows written before owners existed were the phone owner's own.
    this.version(2)
      .stores(SCHEMA[2])
      .upgrade(async (tx) => {
        await tx.table('drafts').toCollection().modify((row: Partial<DraftRow>) => { row.owner ??= OWNER_SELF; });
        await tx.table('outbox').toCollection().modify((row: Partial<OutboxRow>) => { row.owner ??= OWNER_SELF; });
      });
    // v3: per-owner service usage for "recently used" and "most used", and photos kept as Blobs
    // until the server holds them. Catalogue rows stay as they are; the next catalogue sync has no
    // version to start from, so it replaces them whole.
    this.version(3).stores(SCHEMA[3]);
    // v4: application statuses brought back by sync and per-owner profiles that prefill forms;
    // both start empty, nothing older changes.
    this.version(4).stores(SCHEMA[4]);
    // v5: the shared phone (docs/security.md): device key, PIN locks, operators and residents; all start empty.
    this.version(5).stores(SCHEMA[5]);
  }
}
