import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../test-support/postgres-test-database';
import { SQLITE_MIGRATIONS as MIGRATIONS, runSqliteMigrations as runMigrations } from './sqlite-migrations';
import { POSTGRES_MIGRATIONS, postgresSchemaVersion, runPostgresMigrations } from './postgres-migrations';

/** Instances started at the same moment on an empty database in the race test. */
const STARTING_INSTANCES = 4;

const pools: pg.Pool[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
  for (const database of databases.splice(0)) await database.drop();
});

async function freshPool(): Promise<{ pool: pg.Pool; url: string }> {
  const database = await testDatabase();
  databases.push(database);
  const pool = new pg.Pool({ connectionString: database.url });
  pools.push(pool);
  return { pool, url: database.url };
}

/** Table -> column names in order, as each engine reports its own schema. */
function sqliteColumns(): Record<string, string[]> {
  const db = new Database(':memory:');
  runMigrations(db);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [
    name, (db.prepare(`SELECT name FROM pragma_table_info('${name}') ORDER BY cid`).all() as { name: string }[]).map((c) => c.name),
  ]));
}

async function postgresColumns(pool: pg.Pool): Promise<Record<string, string[]>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const columns: Record<string, string[]> = {};
  for (const row of rows) (columns[row.table_name] ??= []).push(row.column_name);
  return columns;
}

describe('the PostgreSQL migrations', () => {
  it('have exactly the versions of the SQLite migrations', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('give the same tables and columns as SQLite at the newest version', async () => {
    const { pool } = await freshPool();
    expect(await runPostgresMigrations(pool)).toBe(MIGRATIONS.at(-1)!.version);
    expect(await postgresColumns(pool)).toEqual(sqliteColumns());
  });

  it('do nothing on a second run and record each step once', async () => {
    const { pool } = await freshPool();
    await runPostgresMigrations(pool);
    expect(await runPostgresMigrations(pool)).toBe(POSTGRES_MIGRATIONS.at(-1)!.version);
    const { rows } = await pool.query('SELECT version FROM schema_version ORDER BY version');
    expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version }) => ({ version })));
  });

  it('let several instances start on an empty database at once, each step applied once', async () => {
    const { pool, url } = await freshPool();
    const instances = Array.from({ length: STARTING_INSTANCES }, () => new pg.Pool({ connectionString: url }));
    pools.push(...instances);
    const versions = await Promise.all(instances.map((instance) => runPostgresMigrations(instance)));
    expect(versions).toEqual(instances.map(() => POSTGRES_MIGRATIONS.at(-1)!.version));
    expect(Number((await pool.query('SELECT COUNT(*) AS n FROM schema_version')).rows[0].n)).toBe(POSTGRES_MIGRATIONS.length);
  });

  it('move a version 1 database up and keep its rows', async () => {
    const { pool } = await freshPool();
    await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.slice(0, 1));
    await pool.query(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't')`,
    );
    expect(await runPostgresMigrations(pool)).toBe(POSTGRES_MIGRATIONS.at(-1)!.version);
    expect((await pool.query('SELECT id, number FROM submissions')).rows).toEqual([{ id: 'x', number: 'XZ-2026-000001' }]);
  });

  it('move a version 5 database to version 6 (delegation and reply keys): applications and sign-ins kept, no keys yet', async () => {
    const { pool } = await freshPool();
    await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.slice(0, 5));
    await pool.query(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't')`,
    );
    await pool.query(
      `INSERT INTO refresh_tokens (id, family_id, operator_id, device_hash, token_hash, created_at, expires_at)
       VALUES ('r', 'f', 'o', 'd', 'th', 't', 't')`,
    );
    expect(await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.slice(0, 6))).toBe(6);
    expect((await pool.query('SELECT id, reply_key FROM submissions')).rows).toEqual([{ id: 'x', reply_key: null }]);
    expect((await pool.query('SELECT id, family_id FROM refresh_tokens')).rows).toEqual([{ id: 'r', family_id: 'f' }]);
    expect(Number((await pool.query('SELECT COUNT(*) AS n FROM delegation_keys')).rows[0].n)).toBe(0);
    const insertKey = () => pool.query(
      "INSERT INTO delegation_keys (key_id, operator_id, device_hash, family_id, public_jwk, created_at) VALUES ('k', 'o', 'd', 'f', '{}', 't')",
    );
    await insertKey();
    await expect(insertKey()).rejects.toThrow(/unique/i);
  });

  it('move a version 7 database to version 8 (citizens): applications stay nobody\'s, and a PINFL and a key are each stored once', async () => {
    const { pool } = await freshPool();
    await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.slice(0, 7));
    await pool.query(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't')`,
    );
    expect(await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.slice(0, 8))).toBe(8);
    expect((await pool.query('SELECT id, citizen_id FROM submissions')).rows).toEqual([{ id: 'x', citizen_id: null }]);
    const insertCitizen = (id: string) => pool.query(
      "INSERT INTO citizens (id, pinfl, last_name, first_name, created_at, updated_at) VALUES ($1, '31507900010013', 'K', 'D', 't', 't')", [id],
    );
    await insertCitizen('c1');
    await expect(insertCitizen('c2')).rejects.toThrow(/unique/i);
  });

  it('refuse a database written by a newer server', async () => {
    const { pool } = await freshPool();
    await runPostgresMigrations(pool);
    await pool.query('INSERT INTO schema_version (version, applied_at) VALUES (999, $1)', [new Date().toISOString()]);
    await expect(runPostgresMigrations(pool)).rejects.toThrow(/schema version 999, newer than this server knows/);
    expect(await postgresSchemaVersion(pool)).toBe(999);
  });

  it('enforce the id, the receipt number and the sequence number as unique', async () => {
    const { pool } = await freshPool();
    await runPostgresMigrations(pool);
    const insert = (id: string, seq: number, number: string) => pool.query(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at)
       VALUES ($1, $2, $3, 's', 1, 'h', '{}', 't', 't', 't')`, [id, seq, number],
    );
    await insert('a', 1, 'XZ-2026-000001');
    await expect(insert('a', 2, 'XZ-2026-000002')).rejects.toThrow(/unique/i);
    await expect(insert('b', 3, 'XZ-2026-000001')).rejects.toThrow(/unique/i);
    await expect(insert('c', 1, 'XZ-2026-000009')).rejects.toThrow(/unique/i);
  });
});
