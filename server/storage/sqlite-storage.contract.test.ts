import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStorage } from './sqlite-storage';
import { lifecycleContract } from './lifecycle-contract';
import { operatorContract } from './operator-contract';
import { storageContract, type OpenContractStore } from './storage-contract';

const open: OpenContractStore = async (now) => {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-sqlite-'));
  const file = join(dir, 'test.sqlite');
  return {
    storage: new SqliteStorage(file, { now }),
    openTwin: async () => new SqliteStorage(file, { now }),
    countRows: async (table) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
};

storageContract('SqliteStorage', open);
lifecycleContract('SqliteStorage', open);
operatorContract('SqliteStorage', open);
