import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from './migrations';
import { SQLITE_MIGRATIONS as MIGRATIONS, runSqliteMigrations as runMigrations, sqliteSchemaVersion as schemaVersion } from './sqlite-migrations';

describe('runMigrations', () => {
  it('brings an empty database to the newest version and records each step', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db)).toBe(MIGRATIONS.at(-1)!.version);
    const columns = db.prepare("SELECT name FROM pragma_table_info('submissions') ORDER BY cid").all();
    expect(columns.map((c) => (c as { name: string }).name)).toEqual([
      'id', 'seq', 'number', 'service_id', 'form_version', 'payload_hash', 'payload',
      'finalised_at', 'received_at', 'status', 'updated_at',
      'device_hash', 'revision', 'status_seq', 'status_message', 'local_ref', 'operator_id', 'on_behalf', 'reply_key',
      'citizen_id',
    ]);
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
  });

  it('does nothing on a second run', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    expect(runMigrations(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
  });

  it('moves a version 1 database up to a later step and keeps its rows', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 1));
    db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't')`,
    ).run();
    const later: Migration = { version: 1_000, sql: 'CREATE INDEX submissions_service ON submissions (service_id)' };
    expect(runMigrations(db, [...MIGRATIONS, later])).toBe(1_000);
    expect(db.prepare('SELECT id, number FROM submissions').all()).toEqual([{ id: 'x', number: 'XZ-2026-000001' }]);
  });

  it('moves a version 4 database to version 5 (operators for shared phones): its applications stay, as nobody\'s on-behalf', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 4));
    db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at, device_hash)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't', 'd')`,
    ).run();
    expect(runMigrations(db, MIGRATIONS.slice(0, 5))).toBe(5);
    expect(db.prepare('SELECT id, device_hash, operator_id, on_behalf FROM submissions').all()).toEqual([{ id: 'x', device_hash: 'd', operator_id: null, on_behalf: null }]);
    for (const table of ['operators', 'refresh_tokens', 'devices', 'device_operators', 'login_failures', 'server_keys']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });

  it('moves a version 5 database to version 6 (delegation and reply keys): applications and sign-ins stay, with no keys yet', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 5));
    db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at, device_hash)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't', 'd')`,
    ).run();
    db.prepare(
      `INSERT INTO refresh_tokens (id, family_id, operator_id, device_hash, token_hash, created_at, expires_at)
       VALUES ('r', 'f', 'o', 'd', 'th', 't', 't')`,
    ).run();
    expect(runMigrations(db, MIGRATIONS.slice(0, 6))).toBe(6);
    expect(db.prepare('SELECT id, device_hash, reply_key FROM submissions').all()).toEqual([{ id: 'x', device_hash: 'd', reply_key: null }]);
    expect(db.prepare('SELECT id, family_id, device_hash FROM refresh_tokens').all()).toEqual([{ id: 'r', family_id: 'f', device_hash: 'd' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM delegation_keys').get()).toEqual({ n: 0 });
    const insertKey = db.prepare(
      "INSERT INTO delegation_keys (key_id, operator_id, device_hash, family_id, public_jwk, created_at) VALUES ('k', 'o', 'd', 'f', '{}', 't')",
    );
    insertKey.run();
    expect(() => insertKey.run()).toThrow(/UNIQUE/);
  });

  it('moves a version 6 database to version 7 (invoices): applications keep their status, none is billed after the fact', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 6));
    db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at, device_hash)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't', 'd')`,
    ).run();
    expect(runMigrations(db, MIGRATIONS.slice(0, 7))).toBe(7);
    expect(db.prepare('SELECT id, status FROM submissions').all()).toEqual([{ id: 'x', status: 'received' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM invoices').get()).toEqual({ n: 0 });
    const insertInvoice = db.prepare(
      "INSERT INTO invoices (reference, seq, submission_id, amount_tiyin, state, issued_at, due_at) VALUES (?, ?, 'x', 100, 'open', 't', 't')",
    );
    insertInvoice.run('260000000018', 1);
    // One invoice per application: a second would bill it twice.
    expect(() => insertInvoice.run('260000000026', 2)).toThrow(/UNIQUE/);
  });

  it('moves a version 7 database to version 8 (citizens): applications stay nobody\'s, and a PINFL and a key are each stored once', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 7));
    db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at, device_hash)
       VALUES ('x', 1, 'XZ-2026-000001', 's', 1, 'h', '{}', 't', 't', 't', 'd')`,
    ).run();
    expect(runMigrations(db, MIGRATIONS.slice(0, 8))).toBe(8);
    expect(db.prepare('SELECT id, citizen_id FROM submissions').all()).toEqual([{ id: 'x', citizen_id: null }]);
    const insertCitizen = db.prepare("INSERT INTO citizens (id, pinfl, last_name, first_name, created_at, updated_at) VALUES (?, '31507900010013', 'K', 'D', 't', 't')");
    insertCitizen.run('c1');
    // One citizen per PINFL: a second row would split a person's applications.
    expect(() => insertCitizen.run('c2')).toThrow(/UNIQUE/);
    const insertKey = db.prepare("INSERT INTO citizen_keys (key_id, citizen_id, device_hash, public_key, provider, created_at) VALUES ('k', 'c1', 'd', '{}', 'p', 't')");
    insertKey.run();
    expect(() => insertKey.run()).toThrow(/UNIQUE/);
  });

  it('refuses a database written by a newer server', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (999, ?)').run(new Date().toISOString());
    expect(() => runMigrations(db)).toThrow(/schema version 999, newer than this server knows/);
    expect(schemaVersion(db)).toBe(999);
  });

  it('enforces the id and the receipt number as unique', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    const insert = db.prepare(
      `INSERT INTO submissions (id, seq, number, service_id, form_version, payload_hash, payload, finalised_at, received_at, updated_at)
       VALUES (?, ?, ?, 's', 1, 'h', '{}', 't', 't', 't')`,
    );
    insert.run('a', 1, 'XZ-2026-000001');
    expect(() => insert.run('a', 2, 'XZ-2026-000002')).toThrow(/UNIQUE/);
    expect(() => insert.run('b', 3, 'XZ-2026-000001')).toThrow(/UNIQUE/);
    expect(() => insert.run('c', 1, 'XZ-2026-000009')).toThrow(/UNIQUE/);
  });
});
