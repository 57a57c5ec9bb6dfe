import pg from 'pg';
import { testDatabase } from '../test-support/postgres-test-database';
import { PostgresStorage } from './postgres-storage';
import { lifecycleContract } from './lifecycle-contract';
import { operatorContract } from './operator-contract';
import { storageContract, type OpenContractStore } from './storage-contract';

const open: OpenContractStore = async (now) => {
  const database = await testDatabase();
  return {
    storage: await PostgresStorage.open(database.url, { now }),
    openTwin: () => PostgresStorage.open(database.url, { now }),
    countRows: async (table) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    dispose: database.drop,
  };
};

storageContract('PostgresStorage', open);
lifecycleContract('PostgresStorage', open);
operatorContract('PostgresStorage', open);
